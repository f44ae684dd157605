#include "reports/coverage.hpp"

#include <algorithm>
#include <iterator>

#include "models/cells.hpp"
#include "models/request.hpp"
#include "models/status.hpp"

namespace paircheck::reports {
namespace {

// Codes every operation may see: W1 decode/path, G1-G11, P1, P2 (contract §§1-3, §11).
const std::vector<std::string> kGatewayCodes = {
    "InvalidApi.NotFound",      "UnsupportedHTTPMethod",
    "IncompleteSignature",      "MissingSignature",
    "MissingAccessKeyId",       "InvalidAccessKeyId.NotFound",
    "InvalidSignatureMethod",   "InvalidTimeStamp.Format",
    "InvalidTimeStamp.Expired", "SignatureDoesNotMatch",
    "SignatureNonceUsed",       "InvalidAction.NotFound",
    "InvalidVersion",           "NoSuchVersion",
    "Forbidden.Action",         "Forbidden",
    "MissingParameter",         "InvalidParameter",
    "InvalidParameter.Format"};
// Codes of the operations that take ClientToken: P3, I2, I6.
const std::vector<std::string> kTokenCodes = {"InvalidClientToken.ValueNotSupported",
                                              "IdempotentParameterMismatch", "LastTokenProcessing"};

// The contract's own codes per operation (§6, §7), beyond the gateway ones.
const std::map<std::string, std::vector<std::string>>& operation_codes() {
  static const std::map<std::string, std::vector<std::string>> kTable = {
      {"CreateDiskReplicaPair", {"NoSuchResource", "OperationDenied"}},
      {"StartDiskReplicaPair",
       {"NoSuchResource", "OperationDenied.InvalidStatus",
        "OperationDenied.StandbyDeviceAttached"}},
      {kStartOneShot,
       {"NoSuchResource", "OperationDenied.InvalidStatus", "OperationDenied.StandbyDeviceAttached",
        "OperationDenied.ManualSyncLimit"}},
      {"StopDiskReplicaPair", {"NoSuchResource", "OperationDenied.InvalidStatus"}},
      {"FailoverDiskReplicaPair",
       {"NoSuchResource", "OperationDenied.InvalidStatus",
        "OperationDenied.OperateNotAllowedForPrimary"}},
      {"ReprotectDiskReplicaPair",
       {"NoSuchResource", "OperationDenied.InvalidStatus",
        "OperationDenied.OperateNotAllowedForPrimary", "OperationDenied"}},
      {"DeleteDiskReplicaPair",
       {"NoSuchResource", "OperationDenied.InvalidStatus",
        "OperationDenied.OperateNotAllowedForStandby"}},
      {"ModifyDiskReplicaPair", {"NoSuchResource", "OperationDenied.InvalidStatus"}},
      {"DescribeDiskReplicaPairs", {}},
      {"DescribeDiskReplicaPairProgress", {"NoSuchResource", "OperationDenied.InvalidStatus"}},
      {"AttachDisk",
       {"InvalidDiskId.NotFound", "InvalidInstanceId.NotFound", "IncorrectDiskStatus"}},
      {"DetachDisk",
       {"InvalidDiskId.NotFound", "InvalidInstanceId.NotFound", "IncorrectDiskStatus"}},
  };
  return kTable;
}

bool takes_token(const std::string& operation) {
  if (operation == kStartOneShot) return true;
  return model::takes_client_token(model::action_from_name(operation));
}

std::string clip(std::string s) {
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

}  // namespace

const std::vector<std::string>& operation_columns() {
  static const std::vector<std::string> kColumns = {"CreateDiskReplicaPair",
                                                    "StartDiskReplicaPair",
                                                    kStartOneShot,
                                                    "StopDiskReplicaPair",
                                                    "FailoverDiskReplicaPair",
                                                    "ReprotectDiskReplicaPair",
                                                    "DeleteDiskReplicaPair",
                                                    "ModifyDiskReplicaPair",
                                                    "DescribeDiskReplicaPairs",
                                                    "DescribeDiskReplicaPairProgress",
                                                    "AttachDisk",
                                                    "DetachDisk",
                                                    kOtherAction};
  return kColumns;
}

const std::vector<std::string>& status_rows() {
  static const std::vector<std::string> kRows = [] {
    std::vector<std::string> r = {kNoPair};
    for (model::PairStatus s : model::all_statuses()) r.emplace_back(model::to_string(s));
    return r;
  }();
  return kRows;
}

std::string short_operation(const std::string& operation) {
  if (operation == "DescribeDiskReplicaPairs") return "Describe";
  if (operation == "DescribeDiskReplicaPairProgress") return "Progress";
  if (operation == kStartOneShot) return "Start OneShot";
  const std::string suffix = "DiskReplicaPair";
  if (operation.size() > suffix.size() &&
      operation.compare(operation.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return operation.substr(0, operation.size() - suffix.size());
  }
  return operation;
}

std::string operation_of(const model::Request& request) {
  if (model::action_from_name(request.action) == model::Action::kUnknown) return kOtherAction;
  if (request.action == "StartDiskReplicaPair") {
    std::string one_shot;  // the last occurrence wins (W1)
    for (const auto& [name, value] : request.params) {
      if (name == "OneShot") one_shot = value;
    }
    if (one_shot == "true") return kStartOneShot;
  }
  return request.action;
}

std::string outcome_of(const std::optional<model::Observed>& observed) {
  if (!observed) return kUnknownOutcome;
  if (!observed->code.empty()) return clip(observed->code);
  if (observed->http_status == 200) return "200";
  return "HTTP " + std::to_string(observed->http_status);
}

std::vector<std::string> codes_of_allowed(const std::string& entry) {
  const std::size_t space = entry.find(' ');
  const std::string http = entry.substr(0, space);
  if (http.empty() || http.find_first_not_of("0123456789/") != std::string::npos) return {};
  if (http == "200") return {"200"};
  if (space == std::string::npos) return {};
  const std::size_t end = entry.find(' ', space + 1);
  const std::string codes =
      entry.substr(space + 1, end == std::string::npos ? end : end - space - 1);
  if (codes.empty() || codes[0] == '[' || codes.find('=') != std::string::npos) return {};
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= codes.size()) {
    std::size_t bar = codes.find('|', start);
    if (bar == std::string::npos) bar = codes.size();
    if (bar > start) out.push_back(codes.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

void Coverage::add(const model::StepRecord& record, std::optional<std::size_t> sequence) {
  const std::string operation = operation_of(record.request);
  OperationCodes& op = ops_[operation];
  std::string outcome = outcome_of(record.observed);
  if (!op.seen.contains(outcome) && op.seen.size() >= kMaxCodesPerOperation) outcome = kOtherCode;
  ++op.seen[outcome];

  for (const std::string& a : record.verdict.allowed) {
    for (std::string& code : codes_of_allowed(a)) {
      if (code == "200" || op.model_allowed.size() >= kMaxCodesPerOperation) continue;
      op.model_allowed.insert(std::move(code));
    }
  }

  const bool failed = !record.verdict.conformant;
  std::vector<std::string> statuses;
  for (model::PairStatus s : record.statuses_before.list()) {
    statuses.emplace_back(model::to_string(s));
  }
  if (statuses.empty()) statuses.push_back(kNoPair);
  for (const std::string& status : statuses) {
    Cell& cell = cells_[{status, operation}];
    ++cell.outcomes[outcome];
    ++cell.total;
    if (!cell.first_sequence) cell.first_sequence = sequence;
    if (failed) {
      ++cell.failed;
      if (record.verdict.key && cell.failure_keys.size() < kMaxFailureKeysPerCell) {
        cell.failure_keys.insert(record.verdict.key->str());
      }
    }
  }
}

std::set<std::string> Coverage::contract_codes(const std::string& operation) const {
  std::set<std::string> codes;
  if (operation == kOtherAction) {
    codes = {"InvalidAction.NotFound", "InvalidApi.NotFound"};
  } else {
    codes.insert(kGatewayCodes.begin(), kGatewayCodes.end());
    if (takes_token(operation)) codes.insert(kTokenCodes.begin(), kTokenCodes.end());
    if (auto it = operation_codes().find(operation); it != operation_codes().end()) {
      codes.insert(it->second.begin(), it->second.end());
    }
  }
  if (auto it = ops_.find(operation); it != ops_.end()) {
    codes.insert(it->second.model_allowed.begin(), it->second.model_allowed.end());
  }
  return codes;
}

nlohmann::json to_json(const Coverage& coverage) {
  nlohmann::json cells = nlohmann::json::array();
  for (const auto& [key, cell] : coverage.cells()) {
    cells.push_back({{"status", key.first},
                     {"operation", key.second},
                     {"total", cell.total},
                     {"failed", cell.failed},
                     {"outcomes", cell.outcomes},
                     {"first_sequence", cell.first_sequence ? nlohmann::json(*cell.first_sequence)
                                                            : nlohmann::json()},
                     {"failure_keys", cell.failure_keys}});
  }
  nlohmann::json operations = nlohmann::json::object();
  for (const std::string& op : operation_columns()) {
    auto it = coverage.operations().find(op);
    const std::set<std::string> contract = coverage.contract_codes(op);
    nlohmann::json seen = nlohmann::json::object(), never = nlohmann::json::array(),
                   outside = nlohmann::json::array();
    std::uint64_t requests = 0;
    if (it != coverage.operations().end()) {
      for (const auto& [code, n] : it->second.seen) {
        requests += n;
        seen[code] = n;
        if (code != "200" && code != kUnknownOutcome && !contract.contains(code)) {
          outside.push_back(code);
        }
      }
    }
    for (const std::string& code : contract) {
      if (it == coverage.operations().end() || !it->second.seen.contains(code))
        never.push_back(code);
    }
    nlohmann::json model_allowed = nlohmann::json::array();
    if (it != coverage.operations().end()) model_allowed = it->second.model_allowed;
    operations[op] = {{"requests", requests}, {"seen", seen},
                      {"allowed", contract},  {"model_allowed", model_allowed},
                      {"never_seen", never},  {"outside_contract", outside}};
  }
  return {{"rows", status_rows()},
          {"columns", operation_columns()},
          {"cells", cells},
          {"operations", operations}};
}

void CellMap::set_reachable(const std::vector<std::string>& cells) {
  reachable_known_ = !cells.empty();
  reachable_ = {cells.begin(), cells.end()};
}

void CellMap::add(const model::StepRecord& record) {
  const std::vector<std::string> cells = model::cells_of(record, effects_);
  for (std::string_view goal : model::goals_of(record, cells)) {
    auto it = goals_.find(goal);
    if (it == goals_.end()) it = goals_.emplace(std::string(goal), 0).first;
    ++it->second;
  }
  for (const std::string& cell : cells) {
    if (visited_.contains(cell)) continue;
    if (visited_.size() >= kMaxVisitedCells && !reachable_.contains(cell)) {
      ++visited_dropped_;
      continue;
    }
    visited_.insert(cell);
  }
}

std::size_t CellMap::visited_reachable() const {
  if (!reachable_known_) return visited_.size();
  return static_cast<std::size_t>(
      std::count_if(visited_.begin(), visited_.end(),
                    [&](const std::string& c) { return reachable_.contains(c); }));
}

std::map<std::string, ProjectionCount> CellMap::by_projection() const {
  std::map<std::string, ProjectionCount> out = {
      {"status", {}}, {"token", {}}, {"form", {}}, {"effect", {}}};
  for (const std::string& c : reachable_) {
    if (auto p = model::projection_of(c); !p.empty()) ++out[std::string(p)].reachable;
  }
  for (const std::string& c : visited_) {
    if (reachable_known_ && !reachable_.contains(c)) continue;
    if (auto p = model::projection_of(c); !p.empty()) ++out[std::string(p)].visited;
  }
  return out;
}

std::vector<std::string> CellMap::unvisited() const {
  std::vector<std::string> out;
  std::set_difference(reachable_.begin(), reachable_.end(), visited_.begin(), visited_.end(),
                      std::back_inserter(out));
  return out;
}

std::vector<std::string> CellMap::outside() const {
  std::vector<std::string> out;
  if (!reachable_known_) return out;
  std::set_difference(visited_.begin(), visited_.end(), reachable_.begin(), reachable_.end(),
                      std::back_inserter(out));
  return out;
}

std::uint64_t CellMap::goal_count(std::string_view id) const {
  auto it = goals_.find(id);
  return it == goals_.end() ? 0 : it->second;
}

std::string CellMap::goal_unreachable(std::string_view id) const {
  if (!reachable_known_ || model::goal_reachable(id, reachable_)) return "";
  return "none of its cells is reachable with this profile, these fixtures and this run";
}

nlohmann::json cells_json(const CellMap& cells) {
  nlohmann::json by = nlohmann::json::object();
  for (const auto& [projection, n] : cells.by_projection()) {
    by[projection] = {
        {"reachable", cells.reachable_known() ? nlohmann::json(n.reachable) : nlohmann::json()},
        {"visited", n.visited}};
  }
  auto capped = [](const std::vector<std::string>& list) {
    return std::vector<std::string>(
        list.begin(),
        list.begin() + static_cast<std::ptrdiff_t>(std::min(list.size(), kMaxCellsListed)));
  };
  const std::vector<std::string> unvisited = cells.unvisited(), outside = cells.outside();
  return {{"reachable",
           cells.reachable_known() ? nlohmann::json(cells.reachable().size()) : nlohmann::json()},
          {"visited", cells.visited_reachable()},
          {"by_projection", by},
          {"unvisited", capped(unvisited)},
          {"unvisited_dropped", unvisited.size() - std::min(unvisited.size(), kMaxCellsListed)},
          {"outside_reachable", capped(outside)},
          {"outside_dropped", outside.size() - std::min(outside.size(), kMaxCellsListed)}};
}

nlohmann::json goals_json(const CellMap& cells) {
  nlohmann::json out = nlohmann::json::array();
  for (const model::Goal& g : model::goals()) {
    const std::string why = cells.goal_unreachable(g.id);
    out.push_back({{"id", g.id},
                   {"text", g.text},
                   {"reached", cells.goal_count(g.id)},
                   {"unreachable", why.empty() ? nlohmann::json() : nlohmann::json(why)}});
  }
  return out;
}

}  // namespace paircheck::reports
