// formulas.cpp — see formulas.h.
#include "formulas.h"

#include <algorithm>
#include <cmath>

namespace grapevine::protocol {

int retransmitLimit(int retransmitMult, int n)
{
    const double nodeScale = std::ceil(std::log10(static_cast<double>(n) + 1.0));
    return retransmitMult * static_cast<int>(nodeScale);
}

Duration suspicionTimeout(int suspicionMult, int n, Duration interval)
{
    const double nodeScale = std::max(1.0, std::log10(std::max(1.0, static_cast<double>(n))));
    const auto thousandths = static_cast<std::int64_t>(nodeScale * 1000.0);
    return Duration(suspicionMult * thousandths * interval.count() / 1000);
}

Duration pushPullScale(Duration interval, int n)
{
    constexpr int kThreshold = 32;
    if (n <= kThreshold)
        return interval;
    const double multiplier =
        std::ceil(std::log2(static_cast<double>(n)) - std::log2(double(kThreshold))) + 1.0;
    return interval * static_cast<std::int64_t>(multiplier);
}

Duration suspicionTimeoutAfter(int confirmations, int k, Duration min, Duration max)
{
    if (k < 1)
        return confirmations > 0 ? min : max;
    const double frac = std::log(confirmations + 1.0) / std::log(k + 1.0);
    const double maxS = std::chrono::duration<double>(max).count();
    const double minS = std::chrono::duration<double>(min).count();
    const double raw = maxS - frac * (maxS - minS);
    const Duration timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(std::floor(1000.0 * raw)));
    return std::max(timeout, min);
}

Duration remainingSuspicionTime(int confirmations, int k, Duration elapsed, Duration min,
                                Duration max)
{
    return suspicionTimeoutAfter(confirmations, k, min, max) - elapsed;
}

} // namespace grapevine::protocol
