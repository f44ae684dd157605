// A raw-socket HTTP/1.1 client for the server tests: it sends any bytes (garbage, half requests)
// and reads responses with timeouts, so that a hang is a test failure, not a stuck test.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/signed_request.hpp"

namespace paircheck::emulator::testing {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string header(std::string_view name) const;  // "" if absent
};

class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port);  // connects to 127.0.0.1; ADD_FAILURE on error
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(std::string_view bytes);  // false if the peer is gone
  // One response; nullopt on close, timeout or garbage. `head` = response to HEAD (no body).
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(10), bool head = false);
  // True if the peer closes (EOF or reset) within `timeout`; bytes that arrive meanwhile are
  // dropped.
  bool wait_closed(std::chrono::milliseconds timeout);
  void close();

 private:
  // Reads more bytes into buffer_; false on close/timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buffer_;
};

// Serializes a request: start line, headers, Content-Length (when there is a body or it is POST),
// then the body. `extra_headers` are raw lines ("Connection: close").
std::string serialize(const protocol::WireRequest& request,
                      const std::vector<std::string>& extra_headers = {});

// True if `body` is a JSON object with a string RequestId and (for errors) a string Code (W2-W4).
bool is_contract_body(const RawResponse& response);

}  // namespace paircheck::emulator::testing
