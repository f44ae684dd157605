// Issue 13 item 2: the generator's repertoire of parameter forms is the parameter table's
// (models/forms.hpp), so every form cell of the coverage map (docs/scorecard.md "Cells") can be
// drawn: sample_of_form() is form_of()'s inverse, and single genes decode to every form of every
// parameter of every action the decoder sends.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "harness/universe.hpp"
#include "models/forms.hpp"
#include "models/params.hpp"
#include "properties/gene.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::properties {
namespace {

std::string form_cell(model::Action a, std::string_view param, std::string_view form) {
  return std::string(model::action_name(a)) + "|" + std::string(param) + "|" + std::string(form);
}

TEST(GenerationForms, P2_SampleOfFormIsTheInverseOfFormOf) {
  std::size_t checked = 0;
  for (auto i = static_cast<int>(model::Action::kCreate);
       i < static_cast<int>(model::Action::kUnknown); ++i) {
    const auto a = static_cast<model::Action>(i);
    for (const std::string& p : model::params_of(a)) {
      for (std::string_view f : model::forms_of(a, p)) {
        for (std::string_view valid : {"", "{pair:0}"}) {
          // `valid` is a valid value of the parameter (a placeholder is, a PairName is not)
          if (!valid.empty() && model::form_of(a, p, std::string(valid)) != "valid") continue;
          const std::optional<std::string> v = model::sample_of_form(a, p, f, valid);
          EXPECT_EQ(model::form_of(a, p, v), f) << form_cell(a, p, f) << " around " << valid;
          ++checked;
        }
      }
      EXPECT_FALSE(model::sample_of_form(a, p, "no-such-form", "x").has_value()) << p;
    }
  }
  EXPECT_GT(checked, 600u);
}

TEST(GenerationForms, P2_EveryFormOfTheTableIsDrawn) {
  const model::Universe universe = harness::universe_from(protocol::default_fixtures());
  const SequenceDecoder decoder(universe);
  std::set<std::string> drawn;
  for (Op op :
       {Op::kCreate, Op::kStart, Op::kStartOneShot, Op::kStop, Op::kFailover, Op::kReprotect,
        Op::kDelete, Op::kModify, Op::kDescribe, Op::kProgress, Op::kAttach, Op::kDetach}) {
    for (unsigned extra = 0; extra < 256; ++extra) {
      for (unsigned variant = 0; variant < 64; ++variant) {
        Gene g = SequenceDecoder::unguided(op);
        g.mutation = 30;  // a form from the table
        g.extra = static_cast<std::uint8_t>(extra);
        g.variant = static_cast<std::uint8_t>(variant);
        const harness::Sequence s = decoder.decode({g});
        ASSERT_EQ(s.size(), 1u);
        const model::Request& r = s.front().request;
        const model::Action a = model::action_from_name(r.action);
        for (const std::string& p : model::params_of(a)) {
          drawn.insert(form_cell(a, p, model::form_of(a, p, model::find_param(r.params, p))));
        }
      }
    }
  }
  std::size_t missing = 0;
  for (auto i = static_cast<int>(model::Action::kCreate);
       i < static_cast<int>(model::Action::kUnknown); ++i) {
    const auto a = static_cast<model::Action>(i);
    for (const std::string& p : model::params_of(a)) {
      for (std::string_view f : model::forms_of(a, p)) {
        if (!drawn.contains(form_cell(a, p, f))) {
          ++missing;
          ADD_FAILURE() << "never drawn: " << form_cell(a, p, f);
        }
      }
    }
  }
  EXPECT_EQ(missing, 0u);
}

}  // namespace
}  // namespace paircheck::properties
