// coordinate.h — Serf's Vivaldi network coordinate and the ping/ack payload carrying it.
// Owns: the Coordinate value, its distance (the estimated RTT between two members), and the
// ack payload codec (version byte 1, then a msgpack Coordinate). Never: clocks, randomness.
// Follows serf 0.9.4 coordinate/coordinate.go and serf/ping_delegate.go.
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/result.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace grapevine::serf {

inline constexpr std::uint8_t kPingVersion = 1;

// coordinate.DefaultConfig(): the values every Serf (and Consul) node uses.
struct VivaldiConfig {
    int dimensionality = 8;
    double errorMax = 1.5;
    double ce = 0.25;
    double cc = 0.25;
    int adjustmentWindow = 20;
    double heightMin = 10.0e-6;
    int latencyFilterSize = 3;
    double gravityRho = 150.0;
};

struct Coordinate {
    std::vector<double> vec; // seconds
    double error = 0;
    double adjustment = 0;
    double height = 0;

    static Coordinate origin(const VivaldiConfig &config);
    [[nodiscard]] bool isValid() const; // no NaN or infinity anywhere
    [[nodiscard]] bool compatibleWith(const Coordinate &other) const
    {
        return vec.size() == other.vec.size();
    }
    // Raw distance: |a - b| + both heights, in seconds.
    [[nodiscard]] double rawDistanceTo(const Coordinate &other) const;
    // The estimated round-trip time (adjustments applied when that keeps it positive).
    [[nodiscard]] std::chrono::nanoseconds distanceTo(const Coordinate &other) const;
    bool operator==(const Coordinate &) const = default;
};

wire::Bytes encodeAckPayload(const Coordinate &coordinate);
// Errors: empty, a version other than 1, malformed msgpack.
wire::Result<Coordinate> decodeAckPayload(wire::ByteView payload);
// "[0.0012 …] err=0.31 adj=0.0001 h=0.00002" for logs and the packet details.
std::string describeCoordinate(const Coordinate &coordinate);

} // namespace grapevine::serf
