// crypto.h — AES-GCM sealing exactly as memberlist's security.go: VSN(1) NONCE(12)
// CIPHERTEXT TAG(16); version 1 = no padding, version 0 = PKCS#7 padding to 16.
// Owns: encryptPayload / decryptPayload (every key of a Keyring, both versions).
// Never: picks a nonce (randomness is the caller's: it passes 12 bytes) or decides the
// AAD (packet.h: the label; stream.h: 0a + length + label). Uses OpenSSL EVP.
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/keyring.h"
#include "core/wire/result.h"

namespace grapevine::wire {

inline constexpr std::size_t kNonceBytes = 12;
inline constexpr std::size_t kTagBytes = 16;
inline constexpr std::size_t kMinEncryptedV1 = 1 + kNonceBytes + kTagBytes;      // 29
inline constexpr std::size_t kMinEncryptedV0 = 1 + kNonceBytes + 16 + kTagBytes; // 45

// Length of encryptPayload's output for a plaintext of `plainSize` bytes.
std::size_t encryptedSize(int version, std::size_t plainSize);

// Errors: version not 0/1, key size not 16/24/32, nonce not 12 bytes.
Result<Bytes> encryptPayload(int version, ByteView key, ByteView nonce, ByteView plaintext,
                             ByteView aad);

// Tries every key in keyring order. Errors: empty input, version > 1, shorter than
// 29 (v1) / 45 (v0) bytes, no key verifies, bad v0 padding.
Result<Bytes> decryptPayload(const Keyring &keyring, ByteView ciphertext, ByteView aad);

} // namespace grapevine::wire
