// The primitives under W5 (HMAC-SHA1, Base64) and W6 (SHA-256, HMAC-SHA256, lower-case hex), on
// OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace paircheck::protocol {

std::string hmac_sha1(std::string_view key, std::string_view data);    // 20 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes
std::string sha256(std::string_view data);                             // 32 raw bytes

std::string hex_encode(std::string_view bytes);     // lower-case
std::string base64_encode(std::string_view bytes);  // standard alphabet, padded

std::string sha256_hex(std::string_view data);  // hex_encode(sha256(data))

// Equal length and contents, in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace paircheck::protocol
