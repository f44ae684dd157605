// One response as the model compares it (W2-W4, O1, O9, O10): std-only, filled by
// json_io.hpp's parse_observed or by the harness.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace paircheck::model {

// One item of DescribeDiskReplicaPairs' ReplicaPairs[] (§5 fields the model predicts).
// Absent optional fields are not compared; extra fields in the body are ignored (§11 O9).
struct ObservedPair {
  std::string replica_pair_id;
  std::string status;
  std::optional<std::string> pair_name, description;
  std::optional<std::string> source_region, source_zone_id, source_disk_id;
  std::optional<std::string> destination_region, destination_zone_id, destination_disk_id;
  std::optional<std::string> primary_region, primary_zone, standby_region, standby_zone;
  std::optional<std::int64_t> rpo, bandwidth;
  std::optional<std::string> charge_type, site;
  std::optional<std::int64_t> last_recover_point;  // O9 (§11): agrees with O10's RecoverPoint
};

struct Observed {
  int http_status = 0;
  // false: the trace that gave this answer has no HTTP status (an ActionTrail event,
  // docs/traces.md): the status is not judged (W2/W3's status parts, an outcome's status); the code
  // is. http_status then holds the status the profile gives the code (200 for a success, 0 when
  // none or several), for the finding key only.
  bool http_status_known = true;
  std::string code;        // empty on success
  std::string request_id;  // W4
  std::string message;
  std::string replica_pair_id;      // Create
  std::vector<ObservedPair> pairs;  // Describe
  std::optional<std::string> next_token;
  std::optional<std::int64_t> total_count, page_number, page_size;  // Describe
  std::optional<std::int64_t> progress, recover_point;              // Progress
  // A projection of one page of a shared account's answer (harness/lease.hpp): only the items
  // listed are judged, not how many there are.
  bool partial = false;
  std::string shape_error;  // non-empty when the body broke W2 (a 200) or W3 (an error)
  // The raw body, clipped to kMaxKeptBody bytes, kept only when it broke W2/W3 (harness/observe):
  // the evidence of such a finding, which the parsed fields cannot show (a well-formed body is not
  // kept: logs stay small).
  std::string body;
};

inline constexpr std::size_t kMaxKeptBody = 4096;

}  // namespace paircheck::model
