// vivaldi_client.h — this node's own Vivaldi coordinate, updated from each direct ping's RTT
// and the peer's coordinate (the ack payload), so the coordinate we answer with is one Serf
// accepts and keeps meaning something.
// Owns: the coordinate, the per-peer latency filter, the adjustment window, gravity.
// Never: reads a clock or global randomness (the RNG that breaks ties between coincident
// coordinates is seeded by the owner). Follows serf 0.9.4 coordinate/client.go and the
// Vivaldi paper (Dabek et al., SIGCOMM 2004) with Serf's height and adjustment terms.
#pragma once

#include "coordinate.h"

#include <chrono>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace grapevine::serf {

class VivaldiClient {
public:
    explicit VivaldiClient(std::uint64_t seed, VivaldiConfig config = {});

    [[nodiscard]] const Coordinate &coordinate() const { return m_coord; }
    // One observation: `rtt` to `node`, whose coordinate is `other`. Returns "" when applied,
    // else why it was rejected (incompatible dimensions, invalid, RTT outside 0–10 s).
    std::string update(const std::string &node, const Coordinate &other,
                       std::chrono::nanoseconds rtt);
    void forget(const std::string &node) { m_latency.erase(node); }
    [[nodiscard]] int resets() const { return m_resets; }

private:
    double filteredRtt(const std::string &node, double rttSeconds);
    void updateVivaldi(const Coordinate &other, double rttSeconds);
    void updateAdjustment(const Coordinate &other, double rttSeconds);
    void updateGravity();
    void applyForce(double force, const Coordinate &other);
    std::vector<double> unitVectorAt(const std::vector<double> &from, const std::vector<double> &to,
                                     double &magnitude);

    VivaldiConfig m_config;
    Coordinate m_coord;
    Coordinate m_origin;
    std::vector<double> m_adjustmentSamples;
    std::size_t m_adjustmentIndex = 0;
    std::map<std::string, std::deque<double>> m_latency;
    std::mt19937_64 m_rng;
    int m_resets = 0;
};

} // namespace grapevine::serf
