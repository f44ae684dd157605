#include "fuzz/model_coverage.hpp"

#include <string>
#include <vector>

#include "models/cells.hpp"

namespace paircheck::fuzz {
namespace {

// libFuzzer finds this section through __start_/__stop_ symbols and treats every byte as an
// edge counter; in a g++ replay build it is just an array.
__attribute__((used, section("__libfuzzer_extra_counters")))
std::uint8_t g_counters[kModelCoverageSlots];

std::uint64_t fnv1a(std::uint64_t h, const std::string& s) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return (h ^ 0xff) * 1099511628211ULL;
}

}  // namespace

std::size_t model_coverage_slot(std::uint32_t status_bit, const std::string& action,
                                const std::string& code) {
  std::uint64_t h = 14695981039346656037ULL;
  h = (h ^ status_bit) * 1099511628211ULL;
  h = fnv1a(fnv1a(h, action), code);
  return static_cast<std::size_t>(h % kModelCoverageSlots);
}

void count_model_coverage(const model::StepRecord& record, model::EffectTracker* effects) {
  const std::string code = !record.observed                ? std::string("<unknown>")
                           : record.observed->code.empty() ? std::string("OK")
                                                           : record.observed->code;
  const std::uint32_t bits = record.statuses_before.bits();
  auto bump = [&](std::uint32_t status_bit) {
    std::uint8_t& slot = g_counters[model_coverage_slot(status_bit, record.request.action, code)];
    if (slot != 0xff) ++slot;
  };
  if (bits == 0) bump(0);  // no pair (yet), or one no world knows
  for (std::uint32_t i = 0; i < 32; ++i) {
    if (bits & (1u << i)) bump(i + 1);
  }
  // The coverage map's cells (models/cells.hpp): token situations and parameter forms too.
  const std::vector<std::string> cells =
      effects != nullptr ? model::cells_of(record, *effects) : model::cells_of(record);
  for (const std::string& cell : cells) {
    std::uint8_t& slot = g_counters[fnv1a(14695981039346656037ULL, cell) % kModelCoverageSlots];
    if (slot != 0xff) ++slot;
  }
}

std::size_t model_coverage_hits() {
  std::size_t n = 0;
  for (std::uint8_t c : g_counters) n += c != 0;
  return n;
}

}  // namespace paircheck::fuzz
