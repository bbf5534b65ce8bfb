// serf_codec.h — decoding helpers shared by the Serf decoders (internal to core/serf).
// Lenient like go-msgpack: any key order, unknown keys skipped, any integer width.
#pragma once

#include "core/wire/msgpack_reader.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace grapevine::serf::codec {

template <class T> bool readUnsigned(wire::MsgpackReader &r, std::string_view key, T &out)
{
    std::uint64_t value = 0;
    if (!r.readUint(key, std::numeric_limits<T>::max(), value))
        return false;
    out = static_cast<T>(value);
    return true;
}

// A Go struct sent as a map: `field(key)` reads the value of each key it knows and
// returns false on a decode error; unknown keys are skipped by the caller's field function.
template <class FieldFn> bool readMap(wire::MsgpackReader &r, std::string_view what, FieldFn field)
{
    std::uint32_t count = 0;
    if (!r.readMapHeader(what, count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string_view key;
        if (!r.readKey(key) || !field(key))
            return false;
    }
    return true;
}

bool readStringList(wire::MsgpackReader &r, std::string_view field, std::vector<std::string> &out);
bool readStringMap(wire::MsgpackReader &r, std::string_view field,
                   std::map<std::string, std::string> &out);

} // namespace grapevine::serf::codec
