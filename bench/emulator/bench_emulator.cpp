// bench_emulator: signed DescribeDiskReplicaPairs calls (V1, keep-alive) against the in-process
// emulator over loopback, with 1 and with 8 connections. A fixed number of requests, pre-signed
// (nonces are single-use, G8) so that the client's signing is not measured; each run is cut off
// after --max-seconds. Prints `name: value unit` lines and asserts nothing about time.
//
// Usage: bench_emulator [--requests N] [--max-seconds S] [--server-threads N (default 2)]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "emulator/server.hpp"
#include "emulator/service.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/signed_request.hpp"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Request = http::request<http::string_body>;
using Clock = std::chrono::steady_clock;

// One keep-alive connection that sends its requests one after another.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& ioc, const tcp::endpoint& server, std::vector<Request> requests,
             std::atomic<std::size_t>& done, std::atomic<std::size_t>& failed)
      : stream_(ioc),
        server_(server),
        requests_(std::move(requests)),
        done_(done),
        failed_(failed) {}

  void start() {
    stream_.async_connect(server_, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail();
      self->send();
    });
  }
  void cancel() { stream_.cancel(); }

 private:
  void send() {
    if (next_ == requests_.size()) return;
    http::async_write(stream_, requests_[next_],
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->fail();
                        self->receive();
                      });
  }
  void receive() {
    response_ = {};
    http::async_read(stream_, buffer_, response_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->fail();
                       if (self->response_.result_int() == 200) {
                         ++self->done_;
                       } else {
                         ++self->failed_;
                       }
                       ++self->next_;
                       self->send();
                     });
  }
  void fail() { failed_ += requests_.size() - next_; }

  beast::tcp_stream stream_;
  tcp::endpoint server_;
  std::vector<Request> requests_;
  std::size_t next_ = 0;
  beast::flat_buffer buffer_;
  http::response<http::string_body> response_;
  std::atomic<std::size_t>& done_;
  std::atomic<std::size_t>& failed_;
};

Request to_beast(const paircheck::protocol::WireRequest& wire) {
  Request r{wire.method == "GET" ? http::verb::get : http::verb::post, wire.target, 11};
  for (const auto& [name, value] : wire.headers) r.set(name, value);
  r.keep_alive(true);
  r.body() = wire.body;
  r.prepare_payload();
  return r;
}

// Runs `total` requests over `connections` connections; returns requests per second.
double measure(std::uint16_t port, int connections, std::size_t total, double max_seconds,
               std::uint64_t& nonce) {
  const std::string host = "127.0.0.1:" + std::to_string(port);
  std::vector<std::vector<Request>> plan(static_cast<std::size_t>(connections));
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  for (std::size_t i = 0; i < total; ++i) {
    auto wire = paircheck::protocol::build_v1_request(
        {"DescribeDiskReplicaPairs", "2021-07-30", {{"RegionId", "cn-hangzhou"}}},
        {"ak-admin", "sk-admin"}, {"bench-" + std::to_string(nonce++), now},
        paircheck::protocol::V1Style::kGetQuery, host);
    plan[i % plan.size()].push_back(to_beast(wire));
  }
  net::io_context ioc;
  std::atomic<std::size_t> done{0}, failed{0};
  std::vector<std::shared_ptr<Connection>> conns;
  conns.reserve(plan.size());
  const tcp::endpoint server{net::ip::make_address("127.0.0.1"), port};
  for (auto& requests : plan) {
    conns.push_back(std::make_shared<Connection>(ioc, server, std::move(requests), done, failed));
  }
  net::steady_timer cutoff(
      ioc, std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(max_seconds)));
  cutoff.async_wait([&](beast::error_code ec) {
    if (ec) return;
    std::fprintf(stderr, "bench_emulator: cut off after %.0f s\n", max_seconds);
    for (auto& c : conns) c->cancel();
  });
  const auto started = Clock::now();
  for (auto& c : conns) c->start();
  // Stop the cutoff timer once every request is answered or failed.
  std::thread watcher([&] {
    while (done + failed < total &&
           Clock::now() - started < std::chrono::duration<double>(max_seconds + 1)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    net::post(ioc, [&] { cutoff.cancel(); });
  });
  ioc.run();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  watcher.join();
  if (failed > 0) std::fprintf(stderr, "bench_emulator: %zu requests failed\n", failed.load());
  return static_cast<double>(done.load()) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t requests = 20000;
  double max_seconds = 10;
  int server_threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--requests") {
      requests = std::strtoul(argv[i + 1], nullptr, 10);
    } else if (flag == "--max-seconds") {
      max_seconds = std::strtod(argv[i + 1], nullptr);
    } else if (flag == "--server-threads") {
      server_threads = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr,
                   "usage: bench_emulator [--requests N] [--max-seconds S] [--server-threads N]\n");
      return 2;
    }
  }
  if (requests < 8 || !(max_seconds > 0)) {
    std::fprintf(stderr, "bench_emulator: --requests must be >= 8 and --max-seconds > 0\n");
    return 2;
  }
  paircheck::emulator::ServiceConfig config;
  config.clock = paircheck::emulator::ClockMode::kVirtual;
  paircheck::emulator::Service service(
      config, paircheck::protocol::load_fixtures(PAIRCHECK_DEFAULT_FIXTURES));
  paircheck::emulator::ServerOptions options;
  options.threads = server_threads;
  paircheck::emulator::Server server(options, service);
  server.start();
  std::uint64_t nonce = 0;
  const double one = measure(server.port(), 1, requests, max_seconds, nonce);
  std::printf("emulator_1conn: %.0f req/s\n", one);
  std::fflush(stdout);
  const double eight = measure(server.port(), 8, requests, max_seconds, nonce);
  std::printf("emulator_8conn: %.0f req/s\n", eight);
  server.stop();
  return 0;
}
