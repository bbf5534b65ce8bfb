// keyring.h — the ordered set of AES keys a node encrypts and decrypts with.
// Owns: memberlist's keyring rules: index 0 is the primary (the only key that encrypts),
// add keeps the primary (the first key added becomes primary), use makes a key primary,
// the primary cannot be removed, duplicates are ignored, sizes 16/24/32 only.
// Never: sends key material anywhere. Follows memberlist keyring.go (spec §5).
#pragma once

#include "core/wire/bytes.h"

#include <string>
#include <vector>

namespace grapevine::wire {

class Keyring {
public:
    Keyring() = default;

    // Each returns "" on success, or the reason it was refused.
    [[nodiscard]] std::string addKey(ByteView key);
    [[nodiscard]] std::string useKey(ByteView key);
    [[nodiscard]] std::string removeKey(ByteView key);

    [[nodiscard]] bool empty() const { return m_keys.empty(); }
    [[nodiscard]] const std::vector<Bytes> &keys() const { return m_keys; }
    // Empty view when the keyring is empty.
    [[nodiscard]] ByteView primaryKey() const;

    static bool validKeySize(std::size_t size) { return size == 16 || size == 24 || size == 32; }

private:
    std::vector<Bytes> m_keys;
};

} // namespace grapevine::wire
