#include "session/campaign.hpp"

#include "harness/sequence.hpp"

namespace paircheck::session {
namespace {

class HookHandler : public events::Handler {
 public:
  explicit HookHandler(const CampaignHooks& hooks) : hooks_(hooks) {}
  void handle(const events::Event& e) override {
    if (const auto* s = std::get_if<events::StepJudged>(&e); s && hooks_.on_record) {
      hooks_.on_record(s->sequence, s->phase == events::Phase::kShrink, s->record);
    }
    if (const auto* s = std::get_if<events::SequenceStarted>(&e); s && hooks_.on_sequence) {
      harness::Sequence sequence;
      harness::from_json(s->steps, sequence);
      hooks_.on_sequence(s->n, sequence);
    }
  }

 private:
  const CampaignHooks& hooks_;
};

}  // namespace

properties::SearchReport run_campaign_jobs(const std::vector<harness::Target*>& targets,
                                           const model::Universe& universe,
                                           const model::Profile& profile,
                                           const CampaignOptions& options,
                                           const CampaignHooks& hooks) {
  Config config;
  config.targets = targets;
  config.universe = universe;
  config.profile = profile;
  config.run = options.run;
  config.run_id = options.run_id;
  config.header.seed = options.search.seed;
  EventBus bus;
  HookHandler handler(hooks);
  if (hooks.on_record || hooks.on_sequence) bus.add(handler);
  Session session(std::move(config), bus);
  Result result = session.search(options.search);
  if (hooks.on_left_behind) {
    for (const std::string& line : result.finished.left_behind) hooks.on_left_behind(line);
  }
  return std::move(result.report);
}

properties::SearchReport run_campaign(harness::Target& target, const model::Universe& universe,
                                      const model::Profile& profile, const CampaignOptions& options,
                                      const CampaignHooks& hooks) {
  return run_campaign_jobs({&target}, universe, profile, options, hooks);
}

}  // namespace paircheck::session
