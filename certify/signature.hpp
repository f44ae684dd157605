// Ed25519 signatures of a bundle's manifest (OpenSSL EVP_DigestSign with EVP_PKEY_ED25519; keys
// as PEM): who produced a bundle, not only that nothing in it changed since.
#pragma once

#include <string>
#include <string_view>

namespace paircheck::certify {

// The signature (64 raw bytes) of `data` with the Ed25519 private key in the PEM file at
// `private_pem`. Throws model::UsageError (one line naming the file) for a missing or unreadable
// file or a key that is not Ed25519.
std::string sign(const std::string& private_pem, std::string_view data);
// True when `signature` is a valid Ed25519 signature of `data` under the public key in the PEM
// file at `public_pem` (a private key file is accepted too: its public half is used). Throws
// model::UsageError for a file that holds no Ed25519 key.
bool verify(const std::string& public_pem, std::string_view data, std::string_view signature);
// SHA-256 (hex) of the DER form of the key's public half: which key signed, in one line.
std::string public_key_sha256(const std::string& pem);

}  // namespace paircheck::certify
