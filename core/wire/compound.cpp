#include "core/wire/compound.h"

#include "core/wire/messages.h"

namespace grapevine::wire {

Result<Bytes> makeCompound(const std::vector<Bytes> &parts)
{
    if (parts.empty())
        return makeError("compound: no parts");
    if (parts.size() > kMaxCompoundParts)
        return makeError("compound: " + std::to_string(parts.size()) + " parts, at most 255");
    std::size_t total = 2 + 2 * parts.size();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].empty())
            return makeError("compound: part " + std::to_string(i) + " is empty");
        if (parts[i].size() > 0xffff)
            return makeError("compound: part " + std::to_string(i) + " is longer than 65535 bytes");
        total += parts[i].size();
    }
    Bytes out;
    out.reserve(total);
    out.push_back(static_cast<std::uint8_t>(MessageType::Compound));
    out.push_back(static_cast<std::uint8_t>(parts.size()));
    for (const Bytes &part : parts) {
        out.push_back(static_cast<std::uint8_t>(part.size() >> 8));
        out.push_back(static_cast<std::uint8_t>(part.size()));
    }
    for (const Bytes &part : parts)
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

Result<CompoundParts> splitCompound(ByteView message)
{
    if (message.empty() || message[0] != static_cast<std::uint8_t>(MessageType::Compound))
        return makeError("compound: not a compound message");
    if (message.size() < 2)
        return makeError("compound: missing part count");
    const std::size_t count = message[1];
    const std::size_t headerEnd = 2 + 2 * count;
    if (message.size() < headerEnd)
        return makeError("compound: truncated length table (" + std::to_string(count) +
                         " parts declared)");
    CompoundParts result;
    result.parts.reserve(count);
    std::size_t offset = headerEnd;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t length = (std::size_t{message[2 + 2 * i]} << 8) | message[3 + 2 * i];
        if (length > message.size() - offset) {
            result.truncated = static_cast<int>(count - i);
            break;
        }
        result.parts.push_back(message.subspan(offset, length));
        offset += length;
    }
    return result;
}

} // namespace grapevine::wire
