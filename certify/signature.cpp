#include "certify/signature.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>

#include "models/profile.hpp"
#include "protocol/crypto.hpp"

namespace paircheck::certify {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Context = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// The key in `path`: a private key when `want_private`, else a public key (or the public half of
// a private key file).
Key load(const std::string& path, bool want_private) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
  if (!bio) throw model::UsageError("key " + path + ": cannot read");
  Key key(want_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                       : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
          &EVP_PKEY_free);
  if (!key && !want_private) {  // a private key file also holds the public key
    BIO_reset(bio.get());
    key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  }
  if (!key) {
    throw model::UsageError("key " + path + ": not a PEM " + (want_private ? "private" : "public") +
                            " key");
  }
  if (EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    throw model::UsageError("key " + path + ": not an Ed25519 key");
  }
  return key;
}

}  // namespace

std::string sign(const std::string& private_pem, std::string_view data) {
  Key key = load(private_pem, true);
  Context ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::size_t size = 0;
  // Ed25519 hashes internally: no digest, one shot.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1) {
    throw model::UsageError("key " + private_pem + ": OpenSSL cannot sign with it");
  }
  std::string out(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw model::UsageError("key " + private_pem + ": OpenSSL cannot sign with it");
  }
  out.resize(size);
  return out;
}

bool verify(const std::string& public_pem, std::string_view data, std::string_view signature) {
  Key key = load(public_pem, false);
  Context ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size()) == 1;
}

std::string public_key_sha256(const std::string& pem) {
  Key key = load(pem, false);
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(key.get(), &der);
  if (size <= 0) throw model::UsageError("key " + pem + ": cannot encode its public key");
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return protocol::sha256_hex(bytes);
}

}  // namespace paircheck::certify
