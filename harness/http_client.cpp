// The one Beast client file of the harness: async operations driven to completion one at a time, so
// that tcp_stream's expiry turns a stalled server into a timeout value (Beast's sync calls never
// time out).
#include "harness/http_client.hpp"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdint>
#include <optional>

#include "protocol/ascii.hpp"

namespace paircheck::harness {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Endpoint::url() const {
  return std::string(tls ? "https://" : "http://") + host + ":" + port;
}

EndpointParse parse_endpoint(std::string_view url) {
  EndpointParse out;
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    out.endpoint.tls = true;
    rest = url.substr(8);
  } else {
    out.error = "target URL must start with http:// or https://: '" + std::string(url) + "'";
    return out;
  }
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    if (rest.substr(slash) != "/") {
      out.error = "target URL must not have a path (RPC uses '/'): '" + std::string(url) + "'";
      return out;
    }
    rest = rest.substr(0, slash);
  }
  std::string_view host = rest;
  std::string_view port = out.endpoint.tls ? "443" : "80";
  if (!rest.empty() && rest.front() == '[') {  // [v6]:port
    auto close = rest.find(']');
    if (close == std::string_view::npos) {
      out.error = "target URL has an unclosed '[': '" + std::string(url) + "'";
      return out;
    }
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') {
        out.error = "target URL has junk after ']': '" + std::string(url) + "'";
        return out;
      }
      port = rest.substr(close + 2);
    }
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  bool port_ok = !port.empty() && port.size() <= 5;
  for (char c : port) port_ok = port_ok && std::isdigit(static_cast<unsigned char>(c));
  if (host.empty() || !port_ok || std::stoi(std::string(port)) > 65535) {
    out.error = "target URL needs a host and a port 1-65535: '" + std::string(url) + "'";
    return out;
  }
  out.endpoint.host = std::string(host);
  out.endpoint.port = std::string(port);
  return out;
}

struct HttpClient::Impl {
  Endpoint endpoint;
  ClientOptions options;
  asio::io_context ioc;
  asio::ssl::context ssl_ctx{asio::ssl::context::tls_client};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;

  Impl(Endpoint e, ClientOptions o) : endpoint(std::move(e)), options(std::move(o)) {
    if (endpoint.tls) {
      boost::system::error_code ec;
      ssl_ctx.set_default_verify_paths(ec);
      if (!options.ca_file.empty()) ssl_ctx.load_verify_file(options.ca_file, ec);
      ssl_ctx.set_verify_mode(options.insecure ? asio::ssl::verify_none : asio::ssl::verify_peer);
    }
  }

  beast::tcp_stream& lowest() { return endpoint.tls ? beast::get_lowest_layer(*secure) : *plain; }
  bool connected() const { return endpoint.tls ? secure.has_value() : plain.has_value(); }

  void drop() {
    boost::system::error_code ignored;
    if (plain) plain->socket().close(ignored);
    if (secure) beast::get_lowest_layer(*secure).socket().close(ignored);
    plain.reset();
    secure.reset();
    buffer.clear();
  }

  // Runs the queued async operation to completion.
  void run() {
    ioc.restart();
    ioc.run();
  }

  std::string connect() {
    boost::system::error_code ec;
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(endpoint.host, endpoint.port, ec);
    if (ec) return "cannot resolve " + endpoint.host + ": " + ec.message();
    if (endpoint.tls) {
      secure.emplace(ioc, ssl_ctx);
      if (!SSL_set_tlsext_host_name(secure->native_handle(), endpoint.host.c_str())) {
        return "cannot set TLS server name for " + endpoint.host;
      }
      if (!options.insecure) {
        secure->set_verify_callback(asio::ssl::host_name_verification(endpoint.host));
      }
    } else {
      plain.emplace(ioc);
    }
    lowest().expires_after(options.connect_timeout);
    lowest().async_connect(results,
                           [&](boost::system::error_code e, const tcp::endpoint&) { ec = e; });
    run();
    if (ec) return "cannot connect to " + endpoint.url() + ": " + ec.message();
    if (endpoint.tls) {
      lowest().expires_after(options.connect_timeout);
      secure->async_handshake(asio::ssl::stream_base::client,
                              [&](boost::system::error_code e) { ec = e; });
      run();
      if (ec) return "TLS handshake with " + endpoint.url() + " failed: " + ec.message();
    }
    return {};
  }

  template <class Stream>
  WireResult exchange(Stream& stream, http::request<http::string_body>& req) {
    WireResult out;
    boost::system::error_code ec;
    // dynamic_body grows with what arrives; string_body would reserve whatever Content-Length a
    // broken server announces (found by fuzz_response_parser).
    http::response_parser<http::dynamic_body> parser;
    parser.body_limit(std::uint64_t{64} * 1024 * 1024);
    // The write and the read are one chain under one deadline: one timer and one turn of the
    // io_context per request (the hot path of an HTTP run).
    bool written = false;
    lowest().expires_after(options.read_timeout);
    http::async_write(stream, req, [&](boost::system::error_code e, std::size_t) {
      ec = e;
      if (e) return;
      written = true;
      http::async_read(stream, buffer, parser,
                       [&](boost::system::error_code r, std::size_t) { ec = r; });
    });
    run();
    if (ec) {
      out.kind = WireResult::Kind::kUnknown;
      if (!written) {
        out.detail = "write failed: " + ec.message();
      } else {
        out.detail =
            ec == beast::error::timeout ? "read timed out" : "read failed: " + ec.message();
      }
      return out;
    }
    auto& res = parser.get();
    out.kind = WireResult::Kind::kResponse;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      out.headers.emplace_back(protocol::ascii_lower(field.name_string()),
                               std::string(field.value()));
    }
    out.body = beast::buffers_to_string(res.body().data());
    if (!res.keep_alive()) drop();
    return out;
  }

  // The nemesis (Mischief): write the request, then close (drop: the request and the FIN leave in
  // one segment where the kernel can cork, so that a server sees the close as soon as the request)
  // or, after one read of at most reset_after_bytes of the answer, reset (RST: the unread rest is
  // thrown away). A drop half-closes and then waits, up to the read timeout, for the first byte of
  // the answer or the server's close, unread: the answer is lost all the same, but the request
  // has been served before the client goes on. A full close let a loaded server serve it later,
  // after the retry or even after the next sequence's reset, a false X1/O1 there.
  template <class Stream>
  WireResult misbehave(Stream& stream, http::request<http::string_body>& req, const Mischief& how) {
    WireResult out;
    out.kind = WireResult::Kind::kUnknown;
    boost::system::error_code ec;
    bool written = false;
    std::string partial(std::max<std::size_t>(how.reset_after_bytes, 1), '\0');
    std::size_t got = 0;
    boost::system::error_code ignored;
    tcp::socket& socket = lowest().socket();
#ifdef TCP_CORK
    if (how.kind == Mischief::Kind::kDropResponse) {
      socket.set_option(asio::detail::socket_option::boolean<IPPROTO_TCP, TCP_CORK>(true), ignored);
    }
#endif
    lowest().expires_after(options.read_timeout);
    http::async_write(stream, req, [&](boost::system::error_code e, std::size_t) {
      ec = e;
      if (e) return;
      written = true;
      if (how.kind != Mischief::Kind::kReset) return;
      stream.async_read_some(asio::buffer(partial),
                             [&](boost::system::error_code r, std::size_t n) {
                               ec = r;
                               got = n;
                             });
    });
    run();
    if (how.kind == Mischief::Kind::kReset) {
      socket.set_option(asio::socket_base::linger(true, 0), ignored);
    } else if (written) {
      socket.shutdown(tcp::socket::shutdown_send, ignored);  // the FIN, uncorked with the request
      char first = 0;  // raw bytes, even under TLS: nothing of the answer is read as an answer
      lowest().async_read_some(asio::buffer(&first, 1),
                               [](boost::system::error_code, std::size_t) {});
      run();
    }
    drop();
    if (!written) {
      out.detail = "write failed: " + ec.message();
    } else if (how.kind == Mischief::Kind::kReset) {
      out.detail = "nemesis reset: connection reset after " + std::to_string(got) +
                   " bytes of the answer" + (ec ? " (" + ec.message() + ")" : "");
    } else {
      out.detail = "nemesis drop-response: connection closed before the answer was read";
    }
    return out;
  }

  // One request, (re)connecting first when needed.
  WireResult send(http::request<http::string_body>& req, const Mischief& how) {
    if (!connected()) {
      if (auto error = connect(); !error.empty()) {
        drop();
        WireResult out;
        out.kind = WireResult::Kind::kNotSent;
        out.detail = std::move(error);
        return out;
      }
    }
    if (options.on_send) {
      WireRequest sent;
      sent.method = std::string(req.method_string());
      sent.target = std::string(req.target());
      for (const auto& field : req) sent.headers.emplace_back(field.name_string(), field.value());
      sent.body = req.body();
      options.on_send(sent);
    }
    if (how.kind == Mischief::Kind::kDropResponse || how.kind == Mischief::Kind::kReset) {
      return endpoint.tls ? misbehave(*secure, req, how) : misbehave(*plain, req, how);
    }
    WireResult out = endpoint.tls ? exchange(*secure, req) : exchange(*plain, req);
    if (out.kind != WireResult::Kind::kResponse) drop();
    return out;
  }
};

HttpClient::HttpClient(Endpoint endpoint, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(endpoint), std::move(options))) {}
HttpClient::~HttpClient() = default;

const Endpoint& HttpClient::endpoint() const { return impl_->endpoint; }

std::string HttpClient::connect() {
  if (impl_->connected()) return {};
  std::string error = impl_->connect();
  if (!error.empty()) impl_->drop();
  return error;
}

WireResult HttpClient::send(const WireRequest& request, const Mischief& mischief) {
  http::request<http::string_body> req;
  req.method_string(request.method);
  req.target(request.target);
  req.version(11);
  req.set(http::field::host, impl_->endpoint.host + ":" + impl_->endpoint.port);
  req.set(http::field::user_agent, "paircheck/0.1");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = request.body;
  req.prepare_payload();
  req.keep_alive(true);
  WireResult out = impl_->send(req, mischief);
  // The same serialized request again: identical bytes, nonce and signature (G8).
  if (mischief.kind == Mischief::Kind::kDuplicate && out.ok()) {
    out.repeats.push_back(impl_->send(req, {}));
  }
  return out;
}

}  // namespace paircheck::harness
