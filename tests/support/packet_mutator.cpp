#include "tests/support/packet_mutator.h"

#include "core/value/envelope.h"
#include "core/wire/messages.h"
#include "core/wire/packet.h"

#include <algorithm>

using namespace grapevine;

const char *mutationName(Mutation kind)
{
    switch (kind) {
    case Mutation::Valid:
        return "valid";
    case Mutation::Flip:
        return "flip";
    case Mutation::Truncate:
        return "truncate";
    case Mutation::Extend:
        return "extend";
    case Mutation::Noise:
        return "noise";
    case Mutation::Splice:
        return "splice";
    }
    return "?";
}

PacketMutator::PacketMutator(std::uint64_t seed)
    : m_rng(seed)
{
    buildBases();
}

wire::Bytes PacketMutator::randomBytes(std::size_t count)
{
    wire::Bytes out(count);
    for (auto &byte : out)
        byte = static_cast<std::uint8_t>(m_rng());
    return out;
}

std::string PacketMutator::fakeName()
{
    return "ghost-" + std::to_string(m_rng() % 100000);
}

void PacketMutator::buildBases()
{
    const wire::Bytes loopback{127, 0, 0, 1};
    const wire::Bytes nonce(12, 0);
    for (int i = 0; i < 64; ++i) {
        const auto seq = static_cast<std::uint32_t>(m_rng());
        // Only names that are not members: a valid Dead about a real node would be legal.
        std::vector<wire::Message> messages{
            wire::Ping{seq, fakeName(), loopback, 1, fakeName()},
            wire::IndirectPing{seq, loopback, 9, fakeName(), true, loopback, 1, fakeName()},
            wire::Ack{seq, randomBytes(m_rng() % 64)},
            wire::Nack{seq},
            wire::Suspect{seq, fakeName(), fakeName()},
            wire::Dead{seq, fakeName(), fakeName()},
            wire::UserMsg{randomBytes(m_rng() % 600)},
        };
        wire::PacketOptions options;
        options.compress = (i % 2) == 0;
        options.crc = (i % 3) == 0;
        m_bases.push_back(wire::sealPacket({messages[i % messages.size()]}, options, nonce));
        m_bases.push_back(wire::sealPacket(messages, options, nonce)); // compound
    }
    std::erase_if(m_bases, [](const wire::Bytes &b) { return b.empty(); });
}

bool setsValue(const wire::Bytes &datagram)
{
    const auto opened = wire::openPacket(datagram, wire::PacketOptions{});
    if (!opened.ok())
        return false;
    for (const wire::Message &message : opened.value().messages) {
        const auto *user = std::get_if<wire::UserMsg>(&message);
        if (!user || user->payload.empty()) // the engine ignores an empty user message
            continue;
        const value::UserPayload payload = value::decodeUserPayload(user->payload, 0);
        if (std::holds_alternative<value::Entry>(payload) ||
            std::holds_alternative<value::PlainValue>(payload))
            return true;
    }
    return false;
}

wire::Bytes PacketMutator::next(Mutation &kind)
{
    for (;;) {
        kind = static_cast<Mutation>(m_rng() % 6);
        wire::Bytes packet = mutate(kind);
        if (!setsValue(packet))
            return packet;
        ++m_skippedValues;
    }
}

wire::Bytes PacketMutator::mutate(Mutation kind)
{
    wire::Bytes packet = m_bases[m_rng() % m_bases.size()];
    switch (kind) {
    case Mutation::Valid:
        break;
    case Mutation::Flip:
        for (int n = 1 + int(m_rng() % 8); n > 0; --n)
            packet[m_rng() % packet.size()] ^= static_cast<std::uint8_t>(1 + m_rng() % 255);
        break;
    case Mutation::Truncate:
        packet.resize(m_rng() % packet.size());
        break;
    case Mutation::Extend: {
        const wire::Bytes tail = randomBytes(1 + m_rng() % 200);
        packet.insert(packet.end(), tail.begin(), tail.end());
        break;
    }
    case Mutation::Noise:
        packet = randomBytes(1 + m_rng() % 1400);
        break;
    case Mutation::Splice: {
        const wire::Bytes &other = m_bases[m_rng() % m_bases.size()];
        const std::size_t cut = m_rng() % packet.size();
        packet.resize(cut);
        packet.insert(packet.end(), other.begin() + long(m_rng() % other.size()), other.end());
        break;
    }
    }
    if (packet.empty())
        packet.push_back(static_cast<std::uint8_t>(m_rng()));
    return packet;
}
