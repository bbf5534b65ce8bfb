#include "core/wire/crypto.h"

#include <openssl/evp.h>

#include <memory>

namespace grapevine::wire {

namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const EVP_CIPHER *gcmFor(std::size_t keySize)
{
    switch (keySize) {
    case 16:
        return EVP_aes_128_gcm();
    case 24:
        return EVP_aes_192_gcm();
    case 32:
        return EVP_aes_256_gcm();
    default:
        return nullptr;
    }
}

int intLength(std::size_t size)
{
    return static_cast<int>(size);
}

// GCM seal; `out` receives ciphertext then tag. False on any OpenSSL failure.
bool seal(ByteView key, ByteView nonce, ByteView plain, ByteView aad, std::uint8_t *out)
{
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), gcmFor(key.size()), nullptr, key.data(), nonce.data()) != 1)
        return false;
    if (!aad.empty() &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &length, aad.data(), intLength(aad.size())) != 1)
        return false;
    if (!plain.empty() &&
        EVP_EncryptUpdate(ctx.get(), out, &length, plain.data(), intLength(plain.size())) != 1)
        return false;
    if (EVP_EncryptFinal_ex(ctx.get(), out + plain.size(), &length) != 1)
        return false;
    return EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, out + plain.size()) == 1;
}

// GCM open of `sealed` (ciphertext + tag); false when the tag does not verify.
bool open(ByteView key, ByteView nonce, ByteView sealed, ByteView aad, Bytes &plain)
{
    const std::size_t cipherSize = sealed.size() - kTagBytes;
    plain.resize(cipherSize);
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    if (!ctx ||
        EVP_DecryptInit_ex(ctx.get(), gcmFor(key.size()), nullptr, key.data(), nonce.data()) != 1)
        return false;
    if (!aad.empty() &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &length, aad.data(), intLength(aad.size())) != 1)
        return false;
    if (cipherSize != 0 && EVP_DecryptUpdate(ctx.get(), plain.data(), &length, sealed.data(),
                                             intLength(cipherSize)) != 1)
        return false;
    auto *tag = const_cast<std::uint8_t *>(sealed.data() + cipherSize);
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag) != 1)
        return false;
    std::uint8_t scratch[16];
    return EVP_DecryptFinal_ex(ctx.get(), scratch, &length) == 1;
}

} // namespace

std::size_t encryptedSize(int version, std::size_t plainSize)
{
    const std::size_t padded = version == 0 ? plainSize + (16 - plainSize % 16) : plainSize;
    return 1 + kNonceBytes + padded + kTagBytes;
}

Result<Bytes> encryptPayload(int version, ByteView key, ByteView nonce, ByteView plaintext,
                             ByteView aad)
{
    if (version != 0 && version != 1)
        return makeError("encrypt: unsupported version " + std::to_string(version));
    if (gcmFor(key.size()) == nullptr)
        return makeError("encrypt: key size must be 16, 24 or 32 bytes, got " +
                         std::to_string(key.size()));
    if (nonce.size() != kNonceBytes)
        return makeError("encrypt: nonce must be 12 bytes, got " + std::to_string(nonce.size()));
    Bytes padded;
    ByteView plain = plaintext;
    if (version == 0) {
        // PKCS#7: always 1..16 bytes, each holding the pad length.
        const std::size_t pad = 16 - plaintext.size() % 16;
        padded.assign(plaintext.begin(), plaintext.end());
        padded.insert(padded.end(), pad, static_cast<std::uint8_t>(pad));
        plain = padded;
    }
    Bytes out(1 + kNonceBytes + plain.size() + kTagBytes);
    out[0] = static_cast<std::uint8_t>(version);
    std::copy(nonce.begin(), nonce.end(), out.begin() + 1);
    if (!seal(key, nonce, plain, aad, out.data() + 1 + kNonceBytes))
        return makeError("encrypt: OpenSSL AES-GCM failed");
    return out;
}

Result<Bytes> decryptPayload(const Keyring &keyring, ByteView ciphertext, ByteView aad)
{
    if (ciphertext.empty())
        return makeError("decrypt: empty payload");
    const int version = ciphertext[0];
    if (version > 1)
        return makeError("decrypt: unsupported encryption version " + std::to_string(version));
    const std::size_t minimum = version == 0 ? kMinEncryptedV0 : kMinEncryptedV1;
    if (ciphertext.size() < minimum)
        return makeError("decrypt: payload too small (" + std::to_string(ciphertext.size()) +
                         " bytes, needs " + std::to_string(minimum) + ")");
    if (keyring.empty())
        return makeError("decrypt: no keys installed");
    const ByteView nonce = ciphertext.subspan(1, kNonceBytes);
    const ByteView sealed = ciphertext.subspan(1 + kNonceBytes);
    Bytes plain;
    for (const Bytes &key : keyring.keys()) {
        if (!open(key, nonce, sealed, aad, plain))
            continue;
        if (version == 0) {
            const std::size_t pad = plain.empty() ? 0 : plain.back();
            if (pad > plain.size())
                return makeError("decrypt: bad version 0 padding (" + std::to_string(pad) + ")");
            plain.resize(plain.size() - pad);
        }
        return plain;
    }
    return makeError("decrypt: no installed key could decrypt the message");
}

} // namespace grapevine::wire
