#pragma once
// A keep-alive HTTP/1.1 client (plain or TLS) whose every failure is a value, never an exception:
// a timeout or a reset after the request left is an unknown outcome for the judge (M2).
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "protocol/signed_request.hpp"

namespace paircheck::harness {

// Where a target lives: parsed from `http://host[:port]` or `https://host[:port]`.
struct Endpoint {
  bool tls = false;
  std::string host;
  std::string port;
  std::string url() const;
};

// Parses an endpoint URL. Returns an error message instead when the URL is not one we can reach.
struct EndpointParse {
  Endpoint endpoint;
  std::string error;  // empty on success
};
EndpointParse parse_endpoint(std::string_view url);

using protocol::WireRequest;

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds read_timeout{10000};
  bool insecure = false;  // skip TLS certificate verification (--insecure)
  std::string ca_file;    // extra CA bundle; empty: the system's default paths
  // A tap (bench/http records the traffic to replay it): called on the sending thread with every
  // request exactly as it is about to be written, once the connection is up: method, target,
  // every header field in wire order (including the host, user-agent and content-length fields the
  // client adds; names as sent) and the body. Requests that never left (connect failed) are not
  // seen; a resend is seen again. Empty (the default): nothing is copied.
  std::function<void(const WireRequest&)> on_send;
};

struct WireResult {
  enum class Kind {
    kResponse,  // a complete HTTP response arrived
    kNotSent,   // connect/TLS failed: the request never left, nothing can have been applied
    kUnknown,   // sent, but no complete response (timeout, reset, garbage): M2
  };
  Kind kind = Kind::kNotSent;
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string detail;  // what went wrong, for kNotSent / kUnknown
  // The nemesis's duplicate (nemesis.hpp): what came back when the identical bytes (same nonce,
  // same signature) were sent again right after this answer; the run loop judges each as a
  // request whose nonce was reused (G8). Empty for every ordinary send.
  std::vector<WireResult> repeats;
  // The direct path (`--target direct`, protocol/direct.hpp): the answer's document as the target
  // built it, never printed; `body` is empty. The wire rules (G1, G2, G4-G7, W1-W3) were not
  // exercised by this exchange, and the run loop does not count them as exercised.
  std::shared_ptr<const nlohmann::json> document;

  bool ok() const { return kind == Kind::kResponse; }
};

// How one send misbehaves on purpose, like a real network (the nemesis, nemesis.hpp).
struct Mischief {
  enum class Kind {
    kNone,
    kDropResponse,  // write the request, then close before reading a byte of the answer (M2)
    kReset,         // read `reset_after_bytes` of the answer, then reset the connection (M2)
    kDuplicate,     // read the answer, then send the identical bytes again (G8), see `repeats`
  };
  Kind kind = Kind::kNone;
  std::size_t reset_after_bytes = 1;  // kReset: at least 1
};

class HttpClient {
 public:
  explicit HttpClient(Endpoint endpoint, ClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection, (re)connecting first when needed, and
  // misbehaves as `mischief` says (drop and reset answer kUnknown; the connection is gone after).
  WireResult send(const WireRequest& request, const Mischief& mischief = {});
  // Connects now if not connected (a race's second handle, so that its first request does not
  // wait for a connect). Returns an error message, empty on success.
  std::string connect();
  const Endpoint& endpoint() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paircheck::harness
