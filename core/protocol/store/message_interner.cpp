// message_interner.cpp — see message_interner.h.
#include "message_interner.h"
#include "name_hash.h"

#include <functional>
#include <string_view>

namespace grapevine::protocol {
namespace {

std::size_t mix(std::size_t h, std::size_t v)
{
    return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t bytesHash(wire::ByteView b)
{
    return static_cast<std::size_t>(
        hashName(std::string_view(reinterpret_cast<const char *>(b.data()), b.size())));
}

} // namespace

std::size_t MessageInterner::Hash::operator()(const wire::Alive &a) const
{
    auto h = static_cast<std::size_t>(hashName(a.node));
    h = mix(h, a.incarnation);
    h = mix(h, a.port);
    h = mix(h, bytesHash(a.addr));
    h = mix(h, bytesHash(a.meta));
    return mix(h, bytesHash(a.vsn));
}

std::size_t MessageInterner::Hash::operator()(const SharedMessage &m) const
{
    return (*this)(std::get<wire::Alive>(*m));
}

bool MessageInterner::Equal::operator()(const SharedMessage &a, const SharedMessage &b) const
{
    return std::get<wire::Alive>(*a) == std::get<wire::Alive>(*b);
}

bool MessageInterner::Equal::operator()(const wire::Alive &a, const SharedMessage &b) const
{
    return a == std::get<wire::Alive>(*b);
}

bool MessageInterner::Equal::operator()(const SharedMessage &a, const wire::Alive &b) const
{
    return std::get<wire::Alive>(*a) == b;
}

SharedMessage MessageInterner::intern(const wire::Alive &alive)
{
    if (auto it = m_set.find(alive); it != m_set.end())
        return *it;
    wire::Message message = alive;
    const std::size_t encodedSize = wire::encodedSize(message);
    std::uint32_t id = m_nextId;
    if (!m_freeIds.empty()) {
        id = m_freeIds.back();
        m_freeIds.pop_back();
    } else {
        ++m_nextId;
    }
    auto shared = SharedMessage::make(std::move(message), encodedSize, id);
    m_set.insert(shared);
    if (m_set.size() >= m_sweepAt)
        sweep();
    return shared;
}

void MessageInterner::sweep()
{
    std::erase_if(m_set, [this](const SharedMessage &m) {
        if (m.use_count() != 1)
            return false;
        m_freeIds.push_back(m.internId()); // nothing else holds it, so nothing knows the id
        return true;
    });
    m_sweepAt = std::max<std::size_t>(1024, m_set.size() * 2);
}

} // namespace grapevine::protocol
