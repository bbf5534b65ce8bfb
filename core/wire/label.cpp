#include "core/wire/label.h"

#include "core/wire/messages.h"

namespace grapevine::wire {

Result<Bytes> addLabel(std::string_view label, ByteView packet)
{
    if (label.empty())
        return Bytes(packet.begin(), packet.end());
    if (label.size() > kMaxLabelBytes)
        return makeError("label: " + std::to_string(label.size()) + " bytes, at most 255");
    Bytes out;
    out.reserve(2 + label.size() + packet.size());
    out.push_back(static_cast<std::uint8_t>(MessageType::HasLabel));
    out.push_back(static_cast<std::uint8_t>(label.size()));
    out.insert(out.end(), label.begin(), label.end());
    out.insert(out.end(), packet.begin(), packet.end());
    return out;
}

Result<Labelled> stripLabel(ByteView data)
{
    if (data.empty() || data[0] != static_cast<std::uint8_t>(MessageType::HasLabel))
        return Labelled{{}, data};
    if (data.size() < 2)
        return makeError("label: header without a length byte");
    const std::size_t length = data[1];
    if (length == 0)
        return makeError("label: length 0 (an empty label is not allowed)");
    if (data.size() < 2 + length)
        return makeError("label: truncated (" + std::to_string(length) + " bytes declared, " +
                         std::to_string(data.size() - 2) + " present)");
    return Labelled{toString(data.subspan(2, length)), data.subspan(2 + length)};
}

Result<ByteView> checkLabel(ByteView data, std::string_view expected)
{
    auto split = stripLabel(data);
    if (!split)
        return split.error();
    if (split->label != expected)
        return makeError("label: got \"" + split->label + "\", expected \"" +
                         std::string(expected) + "\"");
    return split->rest;
}

} // namespace grapevine::wire
