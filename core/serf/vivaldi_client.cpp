#include "vivaldi_client.h"

#include <algorithm>
#include <cmath>

namespace grapevine::serf {

namespace {

constexpr double kZeroThreshold = 1.0e-6;
constexpr auto kMaxRtt = std::chrono::seconds(10);

double magnitudeOf(const std::vector<double> &v)
{
    double sum = 0;
    for (double x : v)
        sum += x * x;
    return std::sqrt(sum);
}

} // namespace

VivaldiClient::VivaldiClient(std::uint64_t seed, VivaldiConfig config)
    : m_config(config)
    , m_coord(Coordinate::origin(config))
    , m_origin(Coordinate::origin(config))
    , m_adjustmentSamples(static_cast<std::size_t>(config.adjustmentWindow), 0.0)
    , m_rng(seed)
{
}

std::string VivaldiClient::update(const std::string &node, const Coordinate &other,
                                  std::chrono::nanoseconds rtt)
{
    if (!m_coord.compatibleWith(other))
        return "dimensions aren't compatible";
    if (!other.isValid())
        return "coordinate is invalid";
    if (rtt.count() < 0 || rtt > kMaxRtt)
        return "round trip time not in valid range";
    const double rttSeconds = filteredRtt(node, std::chrono::duration<double>(rtt).count());
    updateVivaldi(other, rttSeconds);
    updateAdjustment(other, rttSeconds);
    updateGravity();
    if (!m_coord.isValid()) {
        ++m_resets;
        m_coord = Coordinate::origin(m_config);
    }
    return {};
}

// The median of the last few samples per peer: one slow ping does not move us far.
double VivaldiClient::filteredRtt(const std::string &node, double rttSeconds)
{
    std::deque<double> &samples = m_latency[node];
    samples.push_back(rttSeconds);
    if (samples.size() > static_cast<std::size_t>(m_config.latencyFilterSize))
        samples.pop_front();
    std::vector<double> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted[sorted.size() / 2];
}

void VivaldiClient::updateVivaldi(const Coordinate &other, double rttSeconds)
{
    const double dist = std::chrono::duration<double>(m_coord.distanceTo(other)).count();
    rttSeconds = std::max(rttSeconds, kZeroThreshold);
    const double wrongness = std::abs(dist - rttSeconds) / rttSeconds;
    const double totalError = std::max(m_coord.error + other.error, kZeroThreshold);
    const double weight = m_coord.error / totalError;
    m_coord.error = m_config.ce * weight * wrongness + m_coord.error * (1.0 - m_config.ce * weight);
    m_coord.error = std::min(m_coord.error, m_config.errorMax);
    applyForce(m_config.cc * weight * (rttSeconds - dist), other);
}

void VivaldiClient::updateAdjustment(const Coordinate &other, double rttSeconds)
{
    if (m_adjustmentSamples.empty())
        return;
    m_adjustmentSamples[m_adjustmentIndex] = rttSeconds - m_coord.rawDistanceTo(other);
    m_adjustmentIndex = (m_adjustmentIndex + 1) % m_adjustmentSamples.size();
    double sum = 0;
    for (double s : m_adjustmentSamples)
        sum += s;
    m_coord.adjustment = sum / (2.0 * double(m_adjustmentSamples.size()));
}

// A weak pull towards the origin, so the whole cluster's coordinates do not drift away.
void VivaldiClient::updateGravity()
{
    const double dist = std::chrono::duration<double>(m_origin.distanceTo(m_coord)).count();
    applyForce(-1.0 * std::pow(dist / m_config.gravityRho, 2.0), m_origin);
}

void VivaldiClient::applyForce(double force, const Coordinate &other)
{
    double mag = 0;
    const std::vector<double> unit = unitVectorAt(m_coord.vec, other.vec, mag);
    for (std::size_t i = 0; i < m_coord.vec.size(); ++i)
        m_coord.vec[i] += unit[i] * force;
    if (mag > kZeroThreshold) {
        m_coord.height = (m_coord.height + other.height) * force / mag + m_coord.height;
        m_coord.height = std::max(m_coord.height, m_config.heightMin);
    }
}

// The unit vector from `to` towards `from`; a random direction when the two coincide.
std::vector<double> VivaldiClient::unitVectorAt(const std::vector<double> &from,
                                                const std::vector<double> &to, double &magnitude)
{
    std::vector<double> d(from.size());
    for (std::size_t i = 0; i < d.size(); ++i)
        d[i] = from[i] - to[i];
    magnitude = magnitudeOf(d);
    if (magnitude > kZeroThreshold) {
        for (double &x : d)
            x /= magnitude;
        return d;
    }
    magnitude = 0;
    std::uniform_real_distribution<double> uniform(-0.5, 0.5);
    for (double &x : d)
        x = uniform(m_rng);
    if (const double m = magnitudeOf(d); m > kZeroThreshold) {
        for (double &x : d)
            x /= m;
        return d;
    }
    std::fill(d.begin(), d.end(), 0.0);
    if (!d.empty())
        d[0] = 1.0;
    return d;
}

} // namespace grapevine::serf
