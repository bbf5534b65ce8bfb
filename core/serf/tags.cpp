#include "tags.h"

#include "core/wire/msgpack_writer.h"
#include "serf_codec.h"

namespace grapevine::serf {

wire::Bytes encodeTags(const Tags &tags)
{
    wire::Bytes out;
    wire::MsgpackWriter w(&out);
    w.byte(kTagMagic);
    w.mapHeader(static_cast<std::uint32_t>(tags.size()));
    for (const auto &[key, value] : tags) {
        w.str(key);
        w.str(value);
    }
    return out;
}

std::optional<wire::Result<Tags>> decodeTags(wire::ByteView meta)
{
    if (meta.empty() || meta[0] != kTagMagic)
        return std::nullopt;
    wire::MsgpackReader r(meta.subspan(1));
    Tags tags;
    if (!codec::readStringMap(r, "tags", tags))
        return wire::Result<Tags>(wire::makeError(r.error()));
    return wire::Result<Tags>(std::move(tags));
}

std::optional<std::pair<std::string, std::string>> parseTag(std::string_view text)
{
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return std::nullopt;
    return std::make_pair(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
}

std::string checkTagsFit(const Tags &tags)
{
    const std::size_t size = encodeTags(tags).size();
    if (size <= kMetaMaxSize)
        return {};
    return "the tags take " + std::to_string(size) +
           " bytes encoded; node metadata holds at most " + std::to_string(kMetaMaxSize);
}

} // namespace grapevine::serf
