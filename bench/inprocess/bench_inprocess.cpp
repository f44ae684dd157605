// bench_inprocess: judged requests/s of a full run against the in-process target: RapidCheck
// generation, wire encoding and signing, the emulator, and the judge, on one thread, no run log;
// then the same on the direct path (docs/harness.md "The direct path").
// Prints `name: value unit` lines and asserts nothing about time.
// Usage: bench_inprocess [sequences=3000] [seed=1]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "protocol/fixtures.hpp"
#include "session/campaign.hpp"

namespace pc = paircheck;

int main(int argc, char** argv) {
  const long sequences = argc > 1 ? std::atol(argv[1]) : 3000;
  const long seed = argc > 2 ? std::atol(argv[2]) : 1;
  if (sequences <= 0 || seed < 0) {
    std::fprintf(stderr, "usage: bench_inprocess [sequences>0] [seed>=0]\n");
    return 2;
  }
  const pc::protocol::Fixtures fixtures = pc::protocol::default_fixtures();
  const pc::model::Profile profile = pc::model::default_profile();
  pc::emulator::ServiceConfig config;
  config.manual_sync_cooldown_s = profile.manual_sync_cooldown_s;
  config.async_failures = profile.async_failures;
  // The same sequences signed (`--target inprocess`) and on the direct path (`--target direct`,
  // every 8th eligible request still signed), one after the other in one process.
  double rates[2] = {0, 0};
  bool ok = true;
  for (const bool direct : {false, true}) {
    pc::harness::InProcessTarget target(config, fixtures, pc::harness::SignatureVersion::kV3,
                                        static_cast<std::uint64_t>(seed));
    if (direct) target.direct(8);
    pc::session::CampaignOptions options;
    options.search.seed = static_cast<std::uint64_t>(seed);
    options.search.sequences = static_cast<std::size_t>(sequences);
    options.run.settle_timeout_s = static_cast<double>(profile.settle_timeout_s);
    std::size_t judged = 0;
    pc::session::CampaignHooks hooks;
    hooks.on_record = [&](std::size_t, bool, const pc::model::StepRecord&) { ++judged; };
    const auto t0 = std::chrono::steady_clock::now();
    const auto report = pc::session::run_campaign(target, pc::harness::universe_from(fixtures),
                                                  profile, options, hooks);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const char* name = direct ? "direct" : "inprocess";
    rates[direct ? 1 : 0] = static_cast<double>(judged) / s;
    std::printf("%s_judged_requests_per_s: %.0f requests/s\n", name, rates[direct ? 1 : 0]);
    std::printf("%s_sequences_per_s: %.0f sequences/s\n", name,
                static_cast<double>(report.sequences_run) / s);
    std::printf("%s_judged_requests: %zu requests\n", name, judged);
    std::printf("%s_findings: %zu findings\n", name, report.findings.size());
    ok = ok && report.target_error.empty();
  }
  std::printf("direct_over_inprocess: %.2f x\n", rates[1] / rates[0]);
  return ok ? 0 : 1;
}
