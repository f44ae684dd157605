// `paircheck diff` (docs/traces.md "Diff"): the pair IDs of a recording mapped to the IDs a new
// target gives for the same Create. A request of the recording that names a recorded ID is sent
// with the new one; an answer of the new target is read back in the recording's IDs, so that the
// two answers compare, and the model judges the new answers, modulo IDs. Disks are not mapped:
// both targets hold the fixture's disks under the same IDs.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "models/observed.hpp"
#include "models/request.hpp"

namespace paircheck::traces {

class IdMap {
 public:
  // Maps `recorded` to `fresh`. False (and nothing changes) when either is already mapped to
  // another ID, or either is empty.
  bool add(const std::string& recorded, const std::string& fresh);
  std::optional<std::string> to_new(std::string_view recorded) const;
  std::optional<std::string> to_recorded(std::string_view fresh) const;
  // The parameters with every mapped recorded ID replaced by its new one, wherever it is a whole
  // token of a value (`ReplicaPairId`, a list of IDs); other bytes are kept as they are.
  model::Params to_new(const model::Params& params) const;
  // The answer with every mapped new ID replaced by its recorded one (a Create's ReplicaPairId,
  // a Describe's items); IDs the map does not know stay as they are.
  void to_recorded(model::Observed& answer) const;
  std::size_t size() const { return forward_.size(); }
  void clear();

 private:
  std::map<std::string, std::string, std::less<>> forward_, backward_;
};

// `value` with each whole token (a run of letters, digits, '-' and '_') found in `map` replaced.
std::string map_tokens(const std::string& value,
                       const std::map<std::string, std::string, std::less<>>& map);

}  // namespace paircheck::traces
