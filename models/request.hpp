// One request as the model judges it: action, business params as sent (P1-P4, I2), the gateway
// envelope in the abstract (G1-G11, W1 path, Format) and the time interval (O3, I5, G6, G8).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paircheck::model {

// Business parameters as sent: raw strings, order kept, duplicates possible (the last one wins,
// like the body winning over the query in W1). No common W5/W6 parameters here.
using Params = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kEbsVersion = "2021-07-30";
inline constexpr std::string_view kEcsVersion = "2014-05-26";

enum class SignatureFault : std::uint8_t {
  kNone,
  kMissing,                 // G2: no signature at all
  kMalformedAuthorization,  // G2: malformed Authorization / incomplete signature
  kWrongSecret,             // G7
  kBadSignatureMethod,      // G4 (V1 only)
};

enum class TimestampState : std::uint8_t { kOk, kUnparsable /* or missing: G5 */ };

// What the gateway checks, abstractly; the HTTP target realizes it on the wire.
struct Envelope {
  std::string method = "POST";             // G1
  std::string path = "/";                  // W1 (§11): another path is 404 right after G1
  std::optional<std::string> version;      // G10; nullopt = missing
  std::string access_key_id = "ak-admin";  // empty = missing (G2), unknown (G3)
  SignatureFault signature = SignatureFault::kNone;
  TimestampState timestamp = TimestampState::kOk;
  std::int64_t timestamp_offset_s = 0;  // request Timestamp minus the target's clock (G6)
  // §11 "G5 fractions": digits of a fraction of the second the Timestamp / x-acs-date carries
  // (`.123` is 3); 0: none. More than the profile's G5 fraction_digits (9 at most) is G5.
  std::uint8_t timestamp_fraction_digits = 0;
  std::string nonce;                  // G8: the model remembers accepted nonces if non-empty
  bool nonce_reused = false;          // G8: the harness asserts an accepted nonce was reused
  std::optional<std::string> format;  // W1/§11: JSON, json, XML; other -> P2 Format
};

// The target's clock while the request was in flight; a virtual clock gives a point.
struct TimeInterval {
  std::int64_t sent_ms = 0;
  std::int64_t received_ms = 0;
  bool is_point() const { return sent_ms == received_ms; }
};

struct Request {
  std::string action;
  Params params;
  Envelope envelope;
  TimeInterval time;
};

enum class Action : std::uint8_t {
  kCreate,
  kStart,
  kStop,
  kFailover,
  kReprotect,
  kDelete,
  kModify,
  kDescribe,
  kProgress,
  kAttachDisk,
  kDetachDisk,
  kUnknown,
};

Action action_from_name(std::string_view name);
std::string_view action_name(Action a);
// Operations that take ClientToken (contract §4).
bool takes_client_token(Action a);
bool is_ecs_action(Action a);  // AttachDisk, DetachDisk (§7)

// The value of a parameter as sent (last occurrence), or nullopt.
std::optional<std::string> find_param(const Params& params, std::string_view name);

}  // namespace paircheck::model
