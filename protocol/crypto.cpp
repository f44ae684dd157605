#include "protocol/crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstdlib>
#include <vector>

namespace paircheck::protocol {
namespace {

constexpr unsigned char kEmpty = 0;  // "" still needs a valid pointer

const unsigned char* bytes_of(std::string_view text) {
  return text.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(text.data());
}

[[noreturn]] void broken_openssl() {
  std::abort();  // only on an OpenSSL without SHA-1/SHA-256/HMAC: a broken installation
}

// Fetching an algorithm by name costs more than hashing a request, so each thread fetches SHA-256
// and HMAC once and keeps one context per primitive, set to its digest (EVP_MAC_init then needs
// only the key). OpenSSL contexts are not shared across threads.
class Algorithms {
 public:
  Algorithms() {
    if (sha256_ == nullptr || hmac_ == nullptr || md_ctx_ == nullptr ||
        !set_digest(hmac_sha1_, "SHA1") || !set_digest(hmac_sha256_, "SHA256")) {
      broken_openssl();
    }
  }
  ~Algorithms() {
    EVP_MAC_CTX_free(hmac_sha256_);
    EVP_MAC_CTX_free(hmac_sha1_);
    EVP_MD_CTX_free(md_ctx_);
    EVP_MAC_free(hmac_);
    EVP_MD_free(sha256_);
  }
  Algorithms(const Algorithms&) = delete;
  Algorithms& operator=(const Algorithms&) = delete;

  std::string hmac(bool sha256, std::string_view key, std::string_view data) {
    EVP_MAC_CTX* ctx = sha256 ? hmac_sha256_ : hmac_sha1_;
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t out_len = 0;
    if (EVP_MAC_init(ctx, bytes_of(key), key.size(), nullptr) != 1 ||
        EVP_MAC_update(ctx, bytes_of(data), data.size()) != 1 ||
        EVP_MAC_final(ctx, out, &out_len, sizeof out) != 1) {
      broken_openssl();
    }
    return std::string(reinterpret_cast<const char*>(out), out_len);
  }

  std::string sha256(std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int out_len = 0;
    if (EVP_DigestInit_ex2(md_ctx_, sha256_, nullptr) != 1 ||
        EVP_DigestUpdate(md_ctx_, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(md_ctx_, out, &out_len) != 1) {
      broken_openssl();
    }
    return std::string(reinterpret_cast<const char*>(out), out_len);
  }

 private:
  bool set_digest(EVP_MAC_CTX*& ctx, const char* digest) {
    ctx = EVP_MAC_CTX_new(hmac_);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
        OSSL_PARAM_construct_end()};
    return ctx != nullptr && EVP_MAC_CTX_set_params(ctx, params) == 1;
  }

  EVP_MD* sha256_ = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MAC* hmac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MD_CTX* md_ctx_ = EVP_MD_CTX_new();
  EVP_MAC_CTX* hmac_sha1_ = nullptr;
  EVP_MAC_CTX* hmac_sha256_ = nullptr;
};

Algorithms& algorithms() {
  thread_local Algorithms a;
  return a;
}

}  // namespace

std::string hmac_sha1(std::string_view key, std::string_view data) {
  return algorithms().hmac(false, key, data);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  return algorithms().hmac(true, key, data);
}

std::string sha256(std::string_view data) { return algorithms().sha256(data); }

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
