#include "coordinate.h"

#include "core/wire/msgpack_writer.h"
#include "serf_codec.h"

#include <cmath>
#include <cstdio>

namespace grapevine::serf {

namespace {

bool finite(double v)
{
    return std::isfinite(v);
}

std::string number(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

} // namespace

Coordinate Coordinate::origin(const VivaldiConfig &config)
{
    Coordinate c;
    c.vec.assign(static_cast<std::size_t>(config.dimensionality), 0.0);
    c.error = config.errorMax;
    c.height = config.heightMin;
    return c;
}

bool Coordinate::isValid() const
{
    for (double v : vec)
        if (!finite(v))
            return false;
    return finite(error) && finite(adjustment) && finite(height);
}

double Coordinate::rawDistanceTo(const Coordinate &other) const
{
    double sum = 0;
    for (std::size_t i = 0; i < vec.size() && i < other.vec.size(); ++i)
        sum += (vec[i] - other.vec[i]) * (vec[i] - other.vec[i]);
    return std::sqrt(sum) + height + other.height;
}

std::chrono::nanoseconds Coordinate::distanceTo(const Coordinate &other) const
{
    double seconds = rawDistanceTo(other);
    const double adjusted = seconds + adjustment + other.adjustment;
    if (adjusted > 0.0)
        seconds = adjusted;
    return std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1.0e9));
}

wire::Bytes encodeAckPayload(const Coordinate &c)
{
    wire::Bytes out;
    wire::MsgpackWriter w(&out);
    w.byte(kPingVersion);
    w.mapHeader(4);
    w.str("Adjustment");
    w.float64(c.adjustment);
    w.str("Error");
    w.float64(c.error);
    w.str("Height");
    w.float64(c.height);
    w.str("Vec");
    w.arrayHeader(static_cast<std::uint32_t>(c.vec.size()));
    for (double v : c.vec)
        w.float64(v);
    return out;
}

wire::Result<Coordinate> decodeAckPayload(wire::ByteView payload)
{
    if (payload.empty())
        return wire::makeError("coordinate: empty ack payload");
    if (payload[0] != kPingVersion)
        return wire::makeError("coordinate: unsupported ping version " +
                               std::to_string(payload[0]));
    wire::MsgpackReader r(payload.subspan(1));
    Coordinate c;
    const bool ok = codec::readMap(r, "coordinate", [&](std::string_view k) {
        if (k == "Adjustment")
            return r.readFloat(k, c.adjustment);
        if (k == "Error")
            return r.readFloat(k, c.error);
        if (k == "Height")
            return r.readFloat(k, c.height);
        if (k != "Vec")
            return r.skip(k);
        std::uint32_t n = 0;
        if (!r.readArrayHeader(k, n))
            return false;
        c.vec.resize(n);
        for (double &v : c.vec)
            if (!r.readFloat(k, v))
                return false;
        return true;
    });
    if (!ok) {
        r.addContext("coordinate: ");
        return wire::makeError(r.error());
    }
    return c;
}

std::string describeCoordinate(const Coordinate &c)
{
    std::string text = "[";
    for (std::size_t i = 0; i < c.vec.size(); ++i)
        text += (i ? " " : "") + number(c.vec[i]);
    return text + "] err=" + number(c.error) + " adj=" + number(c.adjustment) +
           " h=" + number(c.height);
}

} // namespace grapevine::serf
