#include "reports/junit.hpp"

#include <cstdio>

#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

constexpr std::size_t kMaxSteps = 100;  // of a failing sequence in a <failure>

std::string attr(std::string_view text) { return "\"" + html_escape(text) + "\""; }

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
  return buf;
}

std::string section_of(const std::string& id) {
  switch (id.empty() ? ' ' : id[0]) {
    case 'W':
      return "W.wire_format";
    case 'G':
      return "G.gateway";
    case 'P':
      return "P.parameters";
    case 'I':
      return "I.idempotency";
    case 'S':
      return "S.statuses";
    case 'O':
      return "O.operations";
    case 'X':
      return "X.disks";
    case 'M':
      return "M.model";
    default:
      return "other";
  }
}

std::string failure_body(const Failure& f) {
  std::string body =
      f.message + "\n\n" +
      (f.shrunk ? "minimal failing sequence:\n" : "failing sequence (not shrunk):\n");
  const std::vector<std::string> steps = failure_steps(f);
  for (std::size_t n = 0; n < steps.size() && n < kMaxSteps; ++n) {
    body += std::to_string(n + 1) + ". " + steps[n] + "\n";
  }
  if (steps.size() > kMaxSteps) {
    body += "... " + std::to_string(steps.size() - kMaxSteps) + " more steps in report.html\n";
  }
  body += "allowed:";
  for (const std::string& a : f.allowed) body += "\n  " + a;
  if (!f.replay_file.empty()) body += "\nreplay: " + replay_command(f.replay_file);
  return body + "\n";
}

}  // namespace

std::string junit_xml(const Scorecard& card) {
  const std::uint64_t failures = card.rules_failed();
  // A waived finding and a stale waiver (--baseline) are skipped test cases of their own.
  const std::size_t waiver_cases = card.waived.size() + card.stale_waivers.size();
  const std::uint64_t skipped = card.rules_untested() + waiver_cases;
  const bool run_problem = !card.complete || !card.target_error.empty();
  const std::size_t tests = card.rules.size() + (run_problem ? 1 : 0) + waiver_cases;
  const std::string time = seconds_text(card.seconds.value_or(0));
  const std::string counts = " tests=\"" + std::to_string(tests) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"" +
                             std::to_string(run_problem ? 1 : 0) + "\" skipped=\"" +
                             std::to_string(skipped) + "\" time=\"" + time + "\"";
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites name=\"paircheck\"" + counts + ">\n";
  x += "  <testsuite name=" + attr("paircheck.contract " + card.target) + counts +
       " hostname=\"paircheck\" package=\"paircheck.contract\">\n";
  x += "    <properties>\n";
  auto property = [&](const std::string& name, const std::string& value) {
    x += "      <property name=" + attr(name) + " value=" + attr(value) + "/>\n";
  };
  property("schema", kScorecardSchema);
  property("target", card.target);
  property("seed", std::to_string(card.seed));
  property("fixtures", card.fixtures);
  property("profile", card.profile_origin);
  property("profile_api", card.profile_api);
  property("profile_api_version", card.profile_api_version);
  property("profile_version", card.profile_version);
  property("requests", std::to_string(card.requests));
  property("complete", card.complete ? "true" : "false");
  property("findings", std::to_string(card.failures.size() + card.failures_dropped));
  property("unknown_races", std::to_string(card.unknown_races));
  if (!card.baseline_path.empty()) {
    property("baseline", card.baseline_path);
    property("baseline_now", card.baseline_now);
    property("waived", std::to_string(card.waived.size()));
    property("expired_waivers", std::to_string(card.expired_waivers.size()));
    property("stale_waivers", std::to_string(card.stale_waivers.size()));
  }
  x += "    </properties>\n";
  if (run_problem) {
    const std::string what =
        !card.target_error.empty() ? "target error: " + card.target_error : card.incomplete_note;
    x += "    <testcase name=\"run\" classname=\"paircheck.run\" time=\"" + time + "\">\n";
    x += "      <error type=\"run\" message=" + attr(what) + ">" + html_escape(what) +
         "</error>\n    </testcase>\n";
  }
  for (const RuleResult& r : card.rules) {
    x += "    <testcase name=" + attr(r.id) +
         " classname=" + attr("paircheck.contract." + section_of(r.id)) + " time=\"0.000\">\n";
    switch (r.verdict()) {
      case RuleVerdict::kFail: {
        std::string message = "[" + r.id + "] failed " + std::to_string(r.failed) + " of " +
                              std::to_string(r.exercised) + " checks";
        std::string body = message + "\n";
        if (r.first_failure) {
          const Failure& f = card.failures[*r.first_failure];
          message = f.message;
          body = failure_body(f);
        }
        x += "      <failure type=" + attr(r.id) + " message=" + attr(clip(message, 500)) + ">" +
             html_escape(body) + "</failure>\n";
        break;
      }
      case RuleVerdict::kUntested:
        x += "      <skipped message=" + attr("[" + r.id + "] not exercised by this run") + "/>\n";
        break;
      case RuleVerdict::kPass:
        break;
    }
    x += "      <system-out>" +
         html_escape("[" + r.id + "] (" + std::string(1, r.kind) + ") " + r.text + "\nexercised " +
                     std::to_string(r.exercised) + ", failed " + std::to_string(r.failed)) +
         "</system-out>\n";
    x += "    </testcase>\n";
  }
  for (const Waived& w : card.waived) {
    const Waiver& v = w.waiver;
    x += "    <testcase name=" + attr("waived " + w.failure.key) +
         " classname=\"paircheck.baseline.waived\" time=\"0.000\">\n";
    x += "      <skipped message=" +
         attr(clip("waived until " + v.expires +
                       (v.owner.empty() ? "" : " (owner " + v.owner + ")") + ": " + v.reason,
                   500)) +
         "/>\n";
    x += "      <system-out>" + html_escape(failure_body(w.failure)) + "</system-out>\n";
    x += "    </testcase>\n";
  }
  for (const Waiver& v : card.stale_waivers) {
    x += "    <testcase name=" + attr("stale waiver " + v.key) +
         " classname=\"paircheck.baseline.stale\" time=\"0.000\">\n";
    x += "      <skipped message=" +
         attr(clip("stale waiver: matches no finding of this run (until " + v.expires +
                       (v.owner.empty() ? "" : ", owner " + v.owner) + "): " + v.reason,
                   500)) +
         "/>\n    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace paircheck::reports
