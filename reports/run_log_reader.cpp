#include "reports/run_log_reader.hpp"

#include <fstream>

#include "models/profile.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::reports {
namespace {

[[noreturn]] void fail(const std::string& path, std::uint64_t line, const std::string& what) {
  throw model::UsageError("run log " + path + (line ? ":" + std::to_string(line) : "") + ": " +
                          what);
}

void check_first_line(const std::string& path, const nlohmann::json& j) {
  if (!j.is_object() || j.value("type", nlohmann::json()) != "run") {
    fail(path, 1, "not a paircheck run log (the first line is not a \"run\" object)");
  }
  const nlohmann::json format = j.value("format", nlohmann::json());
  if (format != events::kRunLogFormat && format != events::kRunLogFormatV2 &&
      format != events::kRunLogFormatV1) {
    fail(path, 1,
         "unsupported run log format " + format.dump() + " (expected \"" + events::kRunLogFormat +
             "\", \"" + events::kRunLogFormatV2 + "\" or \"" + events::kRunLogFormatV1 + "\")");
  }
}

}  // namespace

RunLogEnd read_run_log(const std::string& path, events::Handler& handler) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, 0, "cannot read the file");
  RunLogEnd end;
  std::string line, next;
  std::uint64_t number = 0;
  bool have = static_cast<bool>(std::getline(in, line));
  if (!have) fail(path, 0, "empty file, not a paircheck run log");
  while (have) {
    ++number;
    const bool more = static_cast<bool>(std::getline(in, next));
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (number == 1) fail(path, 1, "not a paircheck run log (the first line is empty)");
    } else {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        if (number == 1) {
          fail(path, 1, "not a paircheck run log (the first line is not JSON)");
        }
        if (more) fail(path, number, "not valid JSON");
        end.torn_last_line = true;  // a run killed mid-write
        break;
      }
      if (number == 1) check_first_line(path, j);
      if (!j.is_object()) fail(path, number, "not a JSON object");
      const nlohmann::json type = j.value("type", nlohmann::json());
      if (!type.is_string()) fail(path, number, "a line without a string \"type\"");
      try {
        if (auto event = events::from_line(j)) handler.handle(*event);
      } catch (const nlohmann::json::exception& e) {
        fail(path, number, "malformed \"" + type.get<std::string>() + "\" line: " + e.what());
      }
      ++end.lines;
    }
    line.swap(next);
    have = more;
  }
  return end;
}

}  // namespace paircheck::reports
