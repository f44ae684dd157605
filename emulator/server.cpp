// The only Beast file of the emulator (compile time): accept loop, one session per connection.
#include "emulator/server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "protocol/ascii.hpp"
#include "protocol/request_id.hpp"
#include "protocol/request_params.hpp"
#include "protocol/response_body.hpp"

namespace paircheck::emulator {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kMaxDrainBytes =
    std::size_t{4} * 1024 * 1024;  // read and dropped before a close
constexpr std::chrono::seconds kDrainTime{2};

// What every session shares; lives as long as the last session.
struct Shared {
  Shared(ServerOptions o, RequestHandler h) : options(std::move(o)), handler(std::move(h)) {}
  ServerOptions options;
  RequestHandler handler;
  protocol::RequestIdGenerator request_ids;
};

// A transport-level rejection, as a W3 body.
HttpResponse transport_error(Shared& shared, int status, std::string_view code,
                             std::string_view message) {
  HttpResponse out;
  out.status = status;
  const std::string request_id = shared.request_ids.next();
  out.body =
      protocol::error_body({request_id, shared.options.host_id, std::string(code),
                            std::string(message), protocol::recommend_url(code, request_id)});
  return out;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {}

  void start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::wait_for_request, shared_from_this()));
  }

 private:
  const ServerOptions& options() const { return shared_->options; }

  // Idle: wait for the first byte of the next request under the idle timeout.
  void wait_for_request() {
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    stream_.expires_after(options().idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
  }

  void on_first_bytes(beast::error_code ec, std::size_t n) {
    if (ec) return close_now();  // idle timeout, EOF, reset: nothing to answer
    buffer_.commit(n);
    read_header();
  }

  // The whole request (header, then body) must arrive within read_timeout.
  void read_header() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(options().max_header_bytes));
    parser_->body_limit(options().max_body_bytes);
    stream_.expires_after(options().read_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    const auto& req = parser_->get();
    if (beast::iequals(req[http::field::expect], "100-continue") && !parser_->is_done()) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(
          stream_, net::buffer(kContinue.data(), kContinue.size()),
          beast::bind_front_handler(&Session::on_continue_sent, shared_from_this()));
    }
    read_body();
  }

  void on_continue_sent(beast::error_code ec, std::size_t) {
    if (ec) return close_now();
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return reply(transport_error(*shared_, 400, "InvalidParameter",
                                   "The request line and headers exceed " +
                                       std::to_string(options().max_header_bytes) + " bytes."),
                   false);
    }
    if (ec == http::error::body_limit) {
      return reply(transport_error(*shared_, 400, "InvalidParameter",
                                   "The request body exceeds " +
                                       std::to_string(options().max_body_bytes) + " bytes."),
                   false);
    }
    if (ec == beast::error::timeout || ec == http::error::end_of_stream ||
        ec == http::error::partial_message || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
      return close_now();  // the client stalled or left: no one to answer
    }
    // Anything else is bytes that are not HTTP/1.x: answer once, then close.
    return reply(transport_error(*shared_, 400, "InvalidParameter",
                                 "The request is not well-formed HTTP/1.1."),
                 false);
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    auto req = parser_->release();
    parser_.reset();
    const bool keep_alive = req.keep_alive();
    head_ = req.method() == http::verb::head;
    if (req.version() >= 11 && req.find(http::field::host) == req.end()) {
      return reply(transport_error(*shared_, 400, "InvalidParameter",
                                   "An HTTP/1.1 request needs a Host header."),
                   keep_alive);
    }
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.headers.reserve(static_cast<std::size_t>(std::distance(req.begin(), req.end())));
    for (const auto& field : req) {
      request.headers.emplace_back(protocol::ascii_lower(field.name_string()),
                                   std::string(field.value()));
    }
    request.body = std::move(req.body());
    const auto started = std::chrono::steady_clock::now();
    HttpResponse response;
    try {
      response = shared_->handler(request);
    } catch (...) {  // the handler promises not to throw: if it does, that is a bug, not a crash
      response = transport_error(*shared_, 500, "InternalError",
                                 "The request processing has failed due to some unknown error.");
    }
    if (options().log) log(request, response, std::chrono::steady_clock::now() - started);
    undelivered_ = std::move(response.on_undelivered);
    if (undelivered_ && peer_gone()) lost();  // answered all the same: it may have half-closed
    reply(std::move(response), keep_alive);
  }

  // Whether the client closed its side (or reset) before we answered: one byte peeked, no wait.
  bool peer_gone() {
    auto& socket = stream_.socket();
    beast::error_code ec;
    const bool was_non_blocking = socket.non_blocking();
    socket.non_blocking(true, ec);
    char byte = 0;
    socket.receive(net::buffer(&byte, 1), tcp::socket::message_peek, ec);
    beast::error_code ignored;
    socket.non_blocking(was_non_blocking, ignored);
    return ec && ec != net::error::would_block && ec != net::error::try_again;
  }

  // The answer did not reach the client: tell whoever asked (HttpResponse::on_undelivered).
  void lost() {
    auto call = std::move(undelivered_);
    undelivered_ = nullptr;
    if (call) call();
  }

  void log(const HttpRequest& request, const HttpResponse& response,
           std::chrono::steady_clock::duration took) const {
    // The path only: the query holds Signature and AccessKeyId; headers hold Authorization.
    std::string line = request.method + " " +
                       std::string(protocol::split_target(request.target).path) + " -> " +
                       std::to_string(response.status);
    if (const auto error = protocol::parse_error_body(response.body)) line += " " + error->code;
    line += " " +
            std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(took).count()) +
            "us";
    options().log(line);
  }

  void reply(HttpResponse response, bool keep_alive) {
    res_ = {};
    res_.version(11);
    res_.result(response.status >= 200 && response.status <= 599
                    ? static_cast<unsigned>(response.status)
                    : 500u);
    res_.set(http::field::server, "paircheck-emulator");
    res_.set(http::field::content_type, response.content_type);
    res_.keep_alive(keep_alive);
    res_.body() = std::move(response.body);
    res_.prepare_payload();
    if (head_) res_.body().clear();  // HEAD: the length of the body that GET would have sent
    head_ = false;
    stream_.expires_after(options().write_timeout);
    http::async_write(
        stream_, res_,
        beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) lost();
    undelivered_ = nullptr;
    if (ec) return close_now();
    if (!keep_alive) return linger_close();
    wait_for_request();
  }

  // Half-close, then read and drop what the client still sends (bounded in bytes and time), so
  // that it reads our answer instead of a reset.
  void linger_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kDrainTime);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrainBytes) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  std::shared_ptr<Shared> shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  bool head_ = false;
  std::function<void()> undelivered_;  // of the answer being written, if anyone asked
  std::array<char, std::size_t{16} * 1024> scratch_{};
  std::size_t drained_ = 0;
};

}  // namespace

// One io_context per thread, connections dealt round-robin: a connection's handlers always run on
// the same thread (no strand, fewer cross-thread wake-ups than one context shared by N threads).
struct Server::Impl {
  std::shared_ptr<Shared> shared;
  std::vector<std::unique_ptr<net::io_context>> contexts;  // [0] also runs the acceptor
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<net::steady_timer> retry_timer;
  std::vector<std::thread> threads;
  std::size_t next_context = 0;  // touched only by the acceptor's handlers (one thread)
  std::uint16_t port = 0;
  std::string bind_address;
  std::atomic<bool> stopped{false};

  void accept() {
    net::io_context& target = *contexts[next_context++ % contexts.size()];
    acceptor->async_accept(target, [this](beast::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted || stopped) return;
      if (ec) {
        // Out of descriptors or a transient failure: wait a little instead of spinning.
        retry_timer->expires_after(std::chrono::milliseconds(50));
        retry_timer->async_wait([this](beast::error_code) {
          if (!stopped) accept();
        });
        return;
      }
      beast::error_code ignored;
      s.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Session>(std::move(s), shared)->start();
      accept();
    });
  }
};

Server::Server(ServerOptions options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  if (options.threads < 1) options.threads = 1;
  impl_->bind_address = options.bind_address;
  impl_->shared = std::make_shared<Shared>(std::move(options), std::move(handler));
  const ServerOptions& o = impl_->shared->options;
  for (int i = 0; i < o.threads; ++i) {
    impl_->contexts.push_back(std::make_unique<net::io_context>(1));
  }
  net::io_context& first = *impl_->contexts.front();
  impl_->retry_timer = std::make_unique<net::steady_timer>(first);
  boost::system::error_code ec;
  const net::ip::address address = net::ip::make_address(o.bind_address, ec);
  if (ec) throw std::invalid_argument("not an IP address: '" + o.bind_address + "'");
  const tcp::endpoint endpoint{address, o.port};
  impl_->acceptor = std::make_unique<tcp::acceptor>(first);
  // Asio throws boost::system::system_error; callers get the std one the header promises, whose
  // code says why (address already in use, permission denied) without naming the call.
  auto check = [&ec](const char* what) {
    if (ec) throw std::system_error(std::error_code(ec), what);
  };
  impl_->acceptor->open(endpoint.protocol(), ec);
  check("open");
  impl_->acceptor->set_option(net::socket_base::reuse_address(true), ec);
  check("setsockopt");
  impl_->acceptor->bind(endpoint, ec);
  check("bind");
  impl_->acceptor->listen(net::socket_base::max_listen_connections, ec);
  check("listen");
  impl_->port = impl_->acceptor->local_endpoint().port();
}

Server::Server(ServerOptions options, Service& service)
    : Server(std::move(options), [&service](const HttpRequest& r) { return service.handle(r); }) {}

Server::~Server() { stop(); }

void Server::start() {
  if (!impl_->threads.empty() || impl_->stopped) return;
  impl_->accept();
  for (auto& context : impl_->contexts) {
    // Kept running while idle: sessions arrive from the acceptor at any time.
    impl_->threads.emplace_back([ioc = context.get()] {
      auto work = net::make_work_guard(*ioc);
      ioc->run();
    });
  }
}

void Server::stop() {
  if (impl_->stopped.exchange(true)) return;
  for (auto& context : impl_->contexts) context->stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  // Destroying a context destroys every pending handler, hence every session and its socket.
  impl_->acceptor.reset();
  impl_->retry_timer.reset();
  impl_->contexts.clear();
}

std::uint16_t Server::port() const { return impl_->port; }

std::string Server::address() const {
  return impl_->bind_address + ":" + std::to_string(impl_->port);
}

}  // namespace paircheck::emulator
