#include "eager_fanout.h"

#include <algorithm>
#include <cmath>

namespace grapevine::value {

int setterFanout(int peers, int gossipNodes)
{
    return std::min(peers, std::max(gossipNodes, kSetterFanoutCap));
}

int relayFanout(int peers, int gossipNodes)
{
    if (peers <= 0)
        return 0;
    // Members the setter's own push skipped or lost; each of them is then missed by every
    // relay's k picks with probability about e^-k.
    const double covered = double(setterFanout(peers, gossipNodes)) / double(peers);
    const double skipped = double(peers + 1) * std::max(1.0 - covered, kDesignLoss);
    int width = gossipNodes;
    if (skipped > kLeftOutTarget)
        width = std::max(width, int(std::ceil(std::log(skipped / kLeftOutTarget))));
    return std::min(peers, width);
}

} // namespace grapevine::value
