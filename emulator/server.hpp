// The emulator's network side: a Boost.Beast HTTP/1.1 server (keep-alive, size limits, timeouts)
// that hands every complete request to a handler (normally Service::handle, W/G/P/... live there).
// Transport failures never reach the handler: they get a W3 error body (Code always set) or a
// close.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/service.hpp"

namespace paircheck::emulator {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the kernel picks a free port (see Server::port)
  int threads = 2;
  std::size_t max_header_bytes = std::size_t{16} * 1024;  // request line + headers
  std::size_t max_body_bytes = std::size_t{256} * 1024;
  // A request must arrive whole within read_timeout of its first byte; a kept-alive connection
  // may sit idle for idle_timeout between requests; a response must be taken within write_timeout.
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::string host_id = "ebs.paircheck.local";  // HostId of the server's own error bodies (W3)
  // One line per request (method, path without the query, status, Code): never the query,
  // Authorization or any other secret. Null: no logging.
  std::function<void(std::string_view)> log;
};

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

class Server {
 public:
  // Binds and listens at once (so port() is known); throws std::system_error if it cannot (its
  // code says why: address in use, permission denied), std::invalid_argument for a bind address
  // that is not an IP address.
  // `handler` is called concurrently from the server threads.
  Server(ServerOptions options, RequestHandler handler);
  // The usual case: serve a Service (which must outlive the server).
  Server(ServerOptions options, Service& service);
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // starts options.threads threads; returns at once
  void stop();   // closes the listener and every connection, joins the threads; idempotent

  std::uint16_t port() const;
  std::string address() const;  // "127.0.0.1:PORT"

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paircheck::emulator
