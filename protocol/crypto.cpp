#include "protocol/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <vector>

namespace paircheck::protocol {
namespace {

std::string hmac(const char* digest, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t out_len = 0;
  // A static key of "" still needs a valid pointer.
  static const unsigned char kEmpty = 0;
  const unsigned char* key_ptr =
      key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  const unsigned char* data_ptr =
      data.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(data.data());
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key_ptr, key.size(), data_ptr,
                data.size(), out, sizeof out, &out_len) == nullptr) {
    std::abort();  // only on an OpenSSL without SHA-1/SHA-256: a broken installation
  }
  return std::string(reinterpret_cast<const char*>(out), out_len);
}

}  // namespace

std::string hmac_sha1(std::string_view key, std::string_view data) {
  return hmac("SHA1", key, data);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  return hmac("SHA256", key, data);
}

std::string sha256(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &out_len, EVP_sha256(), nullptr) != 1) {
    std::abort();
  }
  return std::string(reinterpret_cast<const char*>(out), out_len);
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0F]);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(n));
}

std::string sha256_hex(std::string_view data) { return hex_encode(sha256(data)); }

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace paircheck::protocol
