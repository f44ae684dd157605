// paircheck-emulator: serve the bundled emulator (docs/emulator.md) over HTTP until SIGINT/SIGTERM.
// Bad flags or fixtures: one line on stderr, exit 2.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "emulator/server.hpp"
#include "emulator/service.hpp"
#include "paircheck/version.hpp"
#include "protocol/fixtures.hpp"
#include "traces/har_writer.hpp"

namespace {

using paircheck::emulator::ClockMode;
using paircheck::emulator::Server;
using paircheck::emulator::ServerOptions;
using paircheck::emulator::Service;
using paircheck::emulator::ServiceConfig;

// Every flag with what it does, its default and its unit; kept within 100 columns.
constexpr std::string_view kUsage =
    "usage: paircheck-emulator --fixtures FILE [flags]\n"
    "Serves the bundled emulator of docs/contract.md over HTTP/1.1 until SIGINT or SIGTERM.\n"
    "Prints 'paircheck-emulator listening on ADDR:PORT' once serving. See docs/emulator.md.\n"
    "\n"
    "Clock modes:\n"
    "  real     (default) time passes as on a wall clock: a transient status such as 'creating'\n"
    "           ends after --transient-s seconds, as an SDK or `paircheck run` expects.\n"
    "  virtual  time stands still until a client moves it through the control endpoint\n"
    "           (POST /_paircheck/clock/advance); needs --control-token, and only a client given\n"
    "           that token (`paircheck run --control-token T`) can move it. Seeded runs are "
    "exact.\n"
    "\n"
    "Flags (s = seconds):\n"
    "  --fixtures FILE       the fixture file (contract §10), e.g. fixtures/default.json; "
    "required\n"
    "  --port P              TCP port (default 0: the kernel picks a free one, printed)\n"
    "  --bind ADDR           listen address, IPv4 or IPv6 literal (default 127.0.0.1)\n"
    "  --clock real|virtual  the clock mode above (default real)\n"
    "  --control-token T     switch on the control endpoint /_paircheck/ (health, reset, clock\n"
    "                        advance), each call carrying header x-paircheck-control-token: T\n"
    "                        (default: off; required with --clock virtual)\n"
    "  --fault NAME          switch on a planted vendor bug (repeatable; default: none)\n"
    "  --list-faults         print every fault NAME with what it breaks, and exit (also\n"
    "                        docs/emulator.md \"Faults\")\n"
    "  --threads N           server threads, 1..256 (default 2)\n"
    "  --seed N              seed of pair IDs, OrderIds, RequestIds and transient durations\n"
    "                        (default 1)\n"
    "  --transient-s MIN:MAX a transient status lasts a random MIN..MAX s of emulator time\n"
    "                        (default 1:3)\n"
    "  --sync-cycle-s S      S2: 'normal' and 'syncing' each last S s of emulator time (default "
    "2)\n"
    "  --cooldown-s N        O3: a OneShot start is refused for N s after the last (default 450)\n"
    "  --async-failures      S6: a transient status ends in its *_failed status 1 time in 4\n"
    "                        (default: off, never)\n"
    "  --nonce-window-s N    G8: a nonce is refused again for N s of wall clock, then forgotten\n"
    "                        (default 900, the contract's 15 minutes)\n"
    "  --token-ttl-s S       I5: a ClientToken is forgotten S s (emulator clock) after its first\n"
    "                        call (default: kept for the whole run; judge with a profile whose\n"
    "                        token_ttl_s is at most S)\n"
    "  --read-timeout-s S    a request must arrive whole within S s of its first byte (default "
    "10)\n"
    "  --idle-timeout-s S    a kept-alive connection may sit idle S s between requests\n"
    "                        (default 30)\n"
    "  --log                 one line per request on stderr: method, path, status, Code, time\n"
    "                        (never the query, headers or bodies; default: off)\n"
    "  --record FILE.har     every exchange as HAR 1.2, streamed, signatures, nonces and\n"
    "                        secrets redacted; `paircheck check` judges it (docs/traces.md)\n"
    "  --version             print the version and the git commit, and exit\n"
    "  --help, -h            print this help, and exit\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class T>
T parse_number(std::string_view flag, std::string_view text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    throw UsageError(std::string(flag) + ": not a number: '" + std::string(text) + "'");
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(value) || value < 0) {
      throw UsageError(std::string(flag) + ": must be a finite number >= 0");
    }
  }
  return value;
}

struct Args {
  ServiceConfig config;
  ServerOptions server;
  std::string fixtures;
  bool list_faults = false;
  bool help = false;
  bool version = false;
  bool log = false;
  std::string record;  // --record FILE.har
};

// --record: one exchange into the HAR file, the emulator's clock of it in `_paircheck.clock`, a
// reset through the control endpoint marked `reset` (the state is initial again there).
paircheck::emulator::HttpResponse record_exchange(paircheck::traces::HarWriter& writer,
                                                  Service& service,
                                                  const paircheck::emulator::HttpRequest& r) {
  paircheck::traces::Exchange x;
  x.started = std::chrono::system_clock::now();
  const auto steady = std::chrono::steady_clock::now();
  const auto sent_ms = std::llround(service.clock_seconds() * 1000);
  paircheck::emulator::HttpResponse response = service.handle(r);
  x.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - steady).count();
  x.request = {r.method, r.target, r.headers, r.body};
  x.answered = true;
  x.status = response.status;
  x.response_headers = {{"content-type", response.content_type}};
  x.response_body = response.body;
  x.paircheck = {
      {"clock",
       {{"sent_ms", sent_ms}, {"received_ms", std::llround(service.clock_seconds() * 1000)}}}};
  if (r.target.rfind("/_paircheck/reset", 0) == 0 && response.status == 200) {
    x.paircheck["reset"] = true;
  }
  writer.write(paircheck::traces::har_entry(x));
  return response;
}

Args parse_args(int argc, char** argv) {
  Args a;
  // The program's default is the real clock (ServiceConfig keeps virtual, the in-process
  // default): a virtual clock nobody moves keeps every pair 'creating' forever (issue 14).
  a.config.clock = ClockMode::kReal;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view flag = args[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= args.size()) throw UsageError(std::string(flag) + ": needs a value");
      return args[++i];
    };
    if (flag == "--help" || flag == "-h") {
      a.help = true;
    } else if (flag == "--version") {
      a.version = true;
    } else if (flag == "--list-faults") {
      a.list_faults = true;
    } else if (flag == "--record") {
      a.record = std::string(value());
    } else if (flag == "--log") {
      a.log = true;
    } else if (flag == "--async-failures") {
      a.config.async_failures = true;
    } else if (flag == "--port") {
      a.server.port = parse_number<std::uint16_t>(flag, value());
    } else if (flag == "--fixtures") {
      a.fixtures = std::string(value());
    } else if (flag == "--bind") {
      a.server.bind_address = std::string(value());
    } else if (flag == "--clock") {
      const std::string_view v = value();
      if (v == "real") {
        a.config.clock = ClockMode::kReal;
      } else if (v == "virtual") {
        a.config.clock = ClockMode::kVirtual;
      } else {
        throw UsageError("--clock: expected real or virtual, got '" + std::string(v) + "'");
      }
    } else if (flag == "--control-token") {
      a.config.control_token = std::string(value());
      if (a.config.control_token.empty()) throw UsageError("--control-token: must not be empty");
    } else if (flag == "--fault") {
      a.config.faults.emplace_back(value());
    } else if (flag == "--threads") {
      const int n = parse_number<int>(flag, value());
      if (n < 1 || n > 256) throw UsageError("--threads: must be 1..256");
      a.server.threads = n;
    } else if (flag == "--seed") {
      a.config.seed = parse_number<std::uint64_t>(flag, value());
    } else if (flag == "--transient-s") {
      const std::string_view v = value();
      const std::size_t colon = v.find(':');
      if (colon == std::string_view::npos) throw UsageError("--transient-s: expected MIN:MAX");
      a.config.transient_min_s = parse_number<double>(flag, v.substr(0, colon));
      a.config.transient_max_s = parse_number<double>(flag, v.substr(colon + 1));
      if (a.config.transient_min_s > a.config.transient_max_s) {
        throw UsageError("--transient-s: MIN must not exceed MAX");
      }
    } else if (flag == "--sync-cycle-s") {
      a.config.sync_cycle_s = parse_number<double>(flag, value());
      if (a.config.sync_cycle_s <= 0) throw UsageError("--sync-cycle-s: must be > 0");
    } else if (flag == "--cooldown-s") {
      a.config.manual_sync_cooldown_s = parse_number<std::int64_t>(flag, value());
      if (a.config.manual_sync_cooldown_s < 0) throw UsageError("--cooldown-s: must be >= 0");
    } else if (flag == "--nonce-window-s") {
      a.config.nonce_window_s = parse_number<std::int64_t>(flag, value());
      if (a.config.nonce_window_s < 1) throw UsageError("--nonce-window-s: must be >= 1");
    } else if (flag == "--token-ttl-s") {
      a.config.token_ttl_s = parse_number<double>(flag, value());
    } else if (flag == "--read-timeout-s") {
      a.server.read_timeout =
          std::chrono::milliseconds(std::llround(1000 * parse_number<double>(flag, value())));
    } else if (flag == "--idle-timeout-s") {
      a.server.idle_timeout =
          std::chrono::milliseconds(std::llround(1000 * parse_number<double>(flag, value())));
    } else {
      throw UsageError("unknown flag '" + std::string(flag) + "' (see --help)");
    }
  }
  if (a.help || a.version || a.list_faults) return a;
  if (a.fixtures.empty()) throw UsageError("--fixtures is required");
  if (a.config.clock == ClockMode::kVirtual && a.config.control_token.empty()) {
    throw UsageError(
        "--clock virtual needs --control-token T: without it no client could move the clock, "
        "and every transient status would last forever");
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  try {
    args = parse_args(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "paircheck-emulator: " << e.what() << "\n";
    return 2;
  }
  if (args.help) {
    std::cout << kUsage;
    return 0;
  }
  if (args.version) {
    std::cout << "paircheck-emulator " << paircheck::kVersion << " (commit " << paircheck::kCommit
              << ")\n";
    return 0;
  }
  if (args.list_faults) {
    // One per line, the descriptions in one column (the first word of a line is the name).
    const auto faults = Service::list_faults();
    std::size_t width = 0;
    for (const auto& fault : faults) width = std::max(width, fault.first.size());
    for (const auto& [name, description] : faults) {
      std::cout << name << std::string(width + 2 - name.size(), ' ') << description << "\n";
    }
    return 0;
  }

  // Block the stop signals before any thread starts, so that only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    paircheck::protocol::Fixtures fixtures = paircheck::protocol::load_fixtures(args.fixtures);
    args.server.host_id = args.config.host_id;
    if (args.log) {
      args.server.log = [](std::string_view line) {
        std::fprintf(stderr, "paircheck-emulator: %.*s\n", static_cast<int>(line.size()),
                     line.data());
      };
    }
    Service service(args.config, std::move(fixtures));
    // --record FILE.har: every exchange the server answers, as HAR (traces/har_writer.hpp).
    std::unique_ptr<paircheck::traces::HarWriter> recording;
    if (!args.record.empty()) {
      recording = std::make_unique<paircheck::traces::HarWriter>(
          args.record, nlohmann::json{{"format", paircheck::traces::kTraceFormat},
                                      {"recorded_by", "paircheck-emulator"}});
    }
    Server server(args.server, [&service, &recording](const paircheck::emulator::HttpRequest& r) {
      if (!recording) return service.handle(r);
      return record_exchange(*recording, service, r);
    });
    server.start();
    std::cout << "paircheck-emulator listening on " << server.address() << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
    std::cerr << "paircheck-emulator: stopped by signal " << signal << "\n";
    return 0;
  } catch (const paircheck::protocol::FixtureError& e) {
    std::cerr << "paircheck-emulator: " << e.what() << "\n";
  } catch (const std::invalid_argument& e) {  // Service: unknown fault or bad setting
    std::cerr << "paircheck-emulator: " << e.what() << "\n";
  } catch (const std::system_error& e) {   // Server: cannot bind/listen
    std::string why = e.code().message();  // "Address already in use"
    if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
    std::cerr << "paircheck-emulator: cannot listen on " << args.server.bind_address << ":"
              << args.server.port << ": " << why << "\n";
  } catch (const std::exception& e) {
    std::cerr << "paircheck-emulator: " << e.what() << "\n";
  }
  return 2;
}
