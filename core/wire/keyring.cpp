#include "core/wire/keyring.h"

#include <algorithm>

namespace grapevine::wire {

namespace {

bool sameKey(const Bytes &a, ByteView b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

} // namespace

std::string Keyring::addKey(ByteView key)
{
    if (!validKeySize(key.size()))
        return "key size must be 16, 24 or 32 bytes, got " + std::to_string(key.size());
    const auto found =
        std::find_if(m_keys.begin(), m_keys.end(), [&](const Bytes &k) { return sameKey(k, key); });
    if (found == m_keys.end())
        m_keys.emplace_back(key.begin(), key.end());
    return {};
}

std::string Keyring::useKey(ByteView key)
{
    const auto found =
        std::find_if(m_keys.begin(), m_keys.end(), [&](const Bytes &k) { return sameKey(k, key); });
    if (found == m_keys.end())
        return "requested key is not in the keyring";
    // The new primary moves to the front; the others keep their order.
    std::rotate(m_keys.begin(), found, found + 1);
    return {};
}

std::string Keyring::removeKey(ByteView key)
{
    if (!m_keys.empty() && sameKey(m_keys.front(), key))
        return "removing the primary key is not allowed";
    std::erase_if(m_keys, [&](const Bytes &k) { return sameKey(k, key); });
    return {};
}

ByteView Keyring::primaryKey() const
{
    if (m_keys.empty())
        return {};
    return m_keys.front();
}

} // namespace grapevine::wire
