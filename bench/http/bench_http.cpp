// bench_http: what the harness costs over HTTP. A campaign (RapidCheck generation, encoding and
// signing, the HTTP client, the judge) runs against real `paircheck-emulator` processes over
// loopback, one process per job, and the HTTP requests it sends (control requests included: reset,
// clock advance) are recorded through ClientOptions::on_send. Then FRESH emulator processes (nonces
// outlive a reset, so the same process would answer differently) get exactly that traffic again
// from a bare Boost.Beast client (synchronous, keep-alive, one connection and one thread per job)
// that reads every response whole and judges nothing; three times, the median counts. Same bytes,
// so bare time / harness time is the harness's speed as a percentage of the bare client's. For 1
// job and for 2 jobs. Prints `name: value unit` lines and asserts nothing about time.
//
// Usage: bench_http [sequences=1500] [seed=1]
// Output (N = 1 and 2 jobs):
//   http_jN_judged_requests_per_s: R requests/s         judged requests / harness seconds
//   http_jN_harness_http_requests_per_s: R requests/s   every HTTP request sent / harness seconds
//   http_jN_bare_requests_per_s: R requests/s           the same requests / bare seconds
//   http_jN_ratio_percent: P %                          bare seconds / harness seconds * 100
//   http_jN_http_requests: C requests                   HTTP requests per run (judged + control)
//   http_jobs2_speedup: X x                             judged rate of 2 jobs / of 1 job
// Exit 0; 2 with one line on stderr when the emulator cannot be started (no binary, no
// `listening on` line within 5 s), a target error, or a bare request fails.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "harness/http_target.hpp"
#include "harness/universe.hpp"
#include "protocol/fixtures.hpp"
#include "session/campaign.hpp"

namespace {

namespace pc = paircheck;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Traffic = std::vector<pc::protocol::WireRequest>;  // one job's requests, in order

constexpr const char* kToken = "bench-http-token";

struct BenchError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// One paircheck-emulator process, killed and reaped by the destructor.
class Emulator {
 public:
  Emulator(const pc::model::Profile& profile, std::uint64_t seed) {
    const std::string binary = PAIRCHECK_EMULATOR_BINARY;
    if (::access(binary.c_str(), X_OK) != 0) throw BenchError("no emulator binary at " + binary);
    std::vector<std::string> args = {binary,
                                     "--fixtures",
                                     PAIRCHECK_DEFAULT_FIXTURES,
                                     "--port",
                                     "0",
                                     "--clock",
                                     "virtual",
                                     "--control-token",
                                     kToken,
                                     "--seed",
                                     std::to_string(seed),
                                     "--cooldown-s",
                                     std::to_string(profile.manual_sync_cooldown_s)};
    if (profile.async_failures) args.emplace_back("--async-failures");
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw BenchError("pipe failed");
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) {  // the child: async-signal-safe calls only
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(fds[1], 1);
      ::dup2(fds[1], 2);
      ::closefrom(3);
      ::execv(argv[0], argv.data());
      static constexpr char kFailed[] = "exec failed\n";
      [[maybe_unused]] auto n = ::write(2, kFailed, sizeof kFailed - 1);
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
    try {  // the destructor does not run for a half-made object
      if (pid_ < 0) throw BenchError("fork failed");
      port_ = read_port();
    } catch (...) {
      stop();
      throw;
    }
  }
  ~Emulator() { stop(); }
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  std::uint16_t port() const { return port_; }
  // Thread-safe (the watchdog): the connections drop, so a blocked client returns.
  void kill_now() const {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }

 private:
  // Waits up to 5 s for `paircheck-emulator listening on ADDR:PORT`.
  std::uint16_t read_port() {
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    std::string text;
    for (;;) {
      if (auto at = text.find("listening on "); at != std::string::npos) {
        if (auto end = text.find('\n', at); end != std::string::npos) {
          const std::string address = text.substr(at + 13, end - at - 13);
          const int port = std::atoi(address.substr(address.rfind(':') + 1).c_str());
          if (port <= 0 || port > 65535) throw BenchError("emulator said: " + text.substr(0, end));
          return static_cast<std::uint16_t>(port);
        }
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      pollfd p{out_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
        throw BenchError("paircheck-emulator printed no 'listening on' line within 5 s");
      }
      char chunk[512];
      const ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) {
        while (!text.empty() && text.back() == '\n') text.pop_back();
        throw BenchError("paircheck-emulator exited before listening: " + text);
      }
      text.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      const auto deadline = Clock::now() + std::chrono::seconds(3);
      int status = 0;
      while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (Clock::now() > deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      pid_ = -1;
    }
    if (out_ >= 0) ::close(out_);
    out_ = -1;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::uint16_t port_ = 0;
};

using Emulators = std::vector<std::unique_ptr<Emulator>>;

Emulators start_emulators(std::size_t jobs, const pc::model::Profile& profile, std::uint64_t seed) {
  Emulators out;
  for (std::size_t j = 0; j < jobs; ++j)
    out.push_back(std::make_unique<Emulator>(profile, seed + j));
  return out;
}

// Kills the emulators if the phase outlives `limit_s`, so that no client blocks for ever.
class Watchdog {
 public:
  Watchdog(const Emulators& emulators, double limit_s)
      : thread_([this, &emulators, limit_s] {
          std::unique_lock lock(mutex_);
          if (!done_cv_.wait_for(lock, std::chrono::duration<double>(limit_s),
                                 [this] { return done_; })) {
            fired_ = true;
            for (const auto& e : emulators) e->kill_now();
          }
        }) {}
  ~Watchdog() { finish(); }
  bool finish() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    return fired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  bool fired_ = false;
  std::thread thread_;
};

struct HarnessRun {
  double seconds = 0;
  std::size_t judged = 0;
  std::vector<Traffic> traffic;  // per job
  std::size_t http_requests() const {
    std::size_t n = 0;
    for (const auto& t : traffic) n += t.size();
    return n;
  }
};

HarnessRun run_harness(std::size_t jobs, std::size_t sequences, std::uint64_t seed,
                       const pc::protocol::Fixtures& fixtures, const pc::model::Profile& profile) {
  const Emulators emulators = start_emulators(jobs, profile, seed);
  HarnessRun run;
  run.traffic.resize(jobs);
  std::vector<std::unique_ptr<pc::harness::HttpTarget>> owned;
  std::vector<pc::harness::Target*> targets;
  for (std::size_t j = 0; j < jobs; ++j) {
    run.traffic[j].reserve(sequences * 16 / jobs);
    pc::harness::HttpTargetOptions options;
    options.endpoint = {false, "127.0.0.1", std::to_string(emulators[j]->port())};
    options.signature = profile.signature == "v1" ? pc::harness::SignatureVersion::kV1
                                                  : pc::harness::SignatureVersion::kV3;
    options.control_token = kToken;
    options.seed = seed + j;
    options.client.on_send = [&traffic = run.traffic[j]](const pc::protocol::WireRequest& r) {
      traffic.push_back(r);
    };
    owned.push_back(std::make_unique<pc::harness::HttpTarget>(options, fixtures));
    targets.push_back(owned.back().get());
  }
  pc::session::CampaignOptions options;
  options.search.seed = seed;
  options.search.sequences = sequences;
  options.run.settle_timeout_s = static_cast<double>(profile.settle_timeout_s);
  pc::session::CampaignHooks hooks;
  std::atomic<std::size_t> judged{0};  // on_record runs on every job's thread at once
  hooks.on_record = [&](std::size_t, bool, const pc::model::StepRecord&) { ++judged; };
  Watchdog watchdog(emulators, 600 + 0.1 * static_cast<double>(sequences));
  const auto t0 = Clock::now();
  const auto report = pc::session::run_campaign_jobs(targets, pc::harness::universe_from(fixtures),
                                                     profile, options, hooks);
  run.seconds = since(t0);
  run.judged = judged;
  if (watchdog.finish()) throw BenchError("harness phase cut off after its time limit");
  if (!report.target_error.empty()) throw BenchError("target error: " + report.target_error);
  if (!report.findings.empty()) {
    std::fprintf(stderr,
                 "bench_http: note: %zu findings against the emulator (shrinking is timed)\n",
                 report.findings.size());
  }
  return run;
}

using Request = http::request<http::string_body>;

Request to_beast(const pc::protocol::WireRequest& wire) {
  Request req;
  req.method_string(wire.method);
  req.target(wire.target);
  req.version(11);
  for (const auto& [name, value] : wire.headers) req.insert(name, value);  // as recorded
  req.body() = wire.body;
  return req;
}

// One job's traffic on one keep-alive connection; returns an error message or "".
std::string replay(const std::vector<Request>& requests, std::uint16_t port) {
  try {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    const tcp::endpoint server(net::ip::make_address("127.0.0.1"), port);
    stream.connect(server);
    beast::flat_buffer buffer;
    for (const Request& req : requests) {
      http::write(stream, req);
      http::response<http::string_body> res;
      http::read(stream, buffer, res);
      if (!res.keep_alive()) {
        stream.socket().close();
        buffer.clear();
        stream.connect(server);
      }
    }
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

// One replay of every job's traffic at once, into fresh emulators; returns the wall seconds.
double replay_once(const std::vector<std::vector<Request>>& plan, std::uint64_t seed,
                   const pc::model::Profile& profile, double harness_seconds) {
  const std::size_t jobs = plan.size();
  const Emulators emulators = start_emulators(jobs, profile, seed);
  std::vector<std::string> errors(jobs);
  Watchdog watchdog(emulators, 60 + 10 * harness_seconds);
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < jobs; ++j) {
    threads.emplace_back([&, j] { errors[j] = replay(plan[j], emulators[j]->port()); });
  }
  for (auto& t : threads) t.join();
  const double seconds = since(t0);
  if (watchdog.finish()) throw BenchError("bare phase cut off after its time limit");
  for (std::size_t j = 0; j < jobs; ++j) {
    if (!errors[j].empty())
      throw BenchError("bare client, job " + std::to_string(j) + ": " + errors[j]);
  }
  return seconds;
}

// The bare client's seconds for `traffic`: the median of three replays (the phase is short, so
// one stray scheduling hiccup would move it a lot).
double run_bare(const std::vector<Traffic>& traffic, std::uint64_t seed,
                const pc::model::Profile& profile, double harness_seconds) {
  std::vector<std::vector<Request>> plan(traffic.size());
  for (std::size_t j = 0; j < traffic.size(); ++j) {
    for (const auto& wire : traffic[j]) plan[j].push_back(to_beast(wire));
  }
  std::vector<double> seconds;
  seconds.reserve(3);
  for (int i = 0; i < 3; ++i) seconds.push_back(replay_once(plan, seed, profile, harness_seconds));
  std::sort(seconds.begin(), seconds.end());
  return seconds[1];
}

}  // namespace

int main(int argc, char** argv) {
  const long sequences = argc > 1 ? std::atol(argv[1]) : 1500;
  const long seed = argc > 2 ? std::atol(argv[2]) : 1;
  if (argc > 3 || sequences <= 0 || seed < 0) {
    std::fprintf(stderr, "usage: bench_http [sequences>0] [seed>=0]\n");
    return 2;
  }
  try {
    const pc::protocol::Fixtures fixtures = pc::protocol::load_fixtures(PAIRCHECK_DEFAULT_FIXTURES);
    const pc::model::Profile profile = pc::model::default_profile();
    double judged_rate[3] = {0, 0, 0};
    for (std::size_t jobs : {1u, 2u}) {
      const auto useed = static_cast<std::uint64_t>(seed);
      const HarnessRun run =
          run_harness(jobs, static_cast<std::size_t>(sequences), useed, fixtures, profile);
      const double bare_s = run_bare(run.traffic, useed, profile, run.seconds);
      const auto http_requests = static_cast<double>(run.http_requests());
      judged_rate[jobs] = static_cast<double>(run.judged) / run.seconds;
      std::printf("http_j%zu_judged_requests_per_s: %.0f requests/s\n", jobs, judged_rate[jobs]);
      std::printf("http_j%zu_harness_http_requests_per_s: %.0f requests/s\n", jobs,
                  http_requests / run.seconds);
      std::printf("http_j%zu_bare_requests_per_s: %.0f requests/s\n", jobs, http_requests / bare_s);
      std::printf("http_j%zu_ratio_percent: %.1f %%\n", jobs, bare_s / run.seconds * 100);
      std::printf("http_j%zu_http_requests: %zu requests\n", jobs, run.http_requests());
      std::fflush(stdout);
    }
    std::printf("http_jobs2_speedup: %.2f x\n", judged_rate[2] / judged_rate[1]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_http: %s\n", e.what());
    return 2;
  }
}
