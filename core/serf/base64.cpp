#include "base64.h"

namespace grapevine::serf {

std::string toBase64(wire::ByteView bytes)
{
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t chunk = std::uint32_t(bytes[i]) << 16;
        if (n > 1)
            chunk |= std::uint32_t(bytes[i + 1]) << 8;
        if (n > 2)
            chunk |= bytes[i + 2];
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= n ? kAlphabet[(chunk >> (18 - 6 * k)) & 0x3f] : '=';
    }
    return out;
}

} // namespace grapevine::serf
