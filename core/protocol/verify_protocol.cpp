// verify_protocol.cpp — memberlist net.go verifyProtocol (§7.3): every node on both sides
// must speak a protocol and delegate version that every alive node understands.
#include "engine_impl.h"

#include <algorithm>

namespace grapevine::protocol {
namespace {

struct Range {
    int maxPmin = 0, minPmax = 255, maxDmin = 0, minDmax = 255;
    void widen(const std::uint8_t *v)
    {
        maxPmin = std::max<int>(maxPmin, v[0]);
        minPmax = std::min<int>(minPmax, v[1]);
        maxDmin = std::max<int>(maxDmin, v[3]);
        minDmax = std::min<int>(minDmax, v[4]);
    }
    [[nodiscard]] bool protocolFits(int pcur) const { return pcur >= maxPmin && pcur <= minPmax; }
    [[nodiscard]] bool delegateFits(int dcur) const { return dcur >= maxDmin && dcur <= minDmax; }
    [[nodiscard]] bool fits(int pcur, int dcur) const
    {
        return protocolFits(pcur) && delegateFits(dcur);
    }
    // Empty when (pcur, dcur) fits; otherwise why not.
    [[nodiscard]] std::string check(const std::string &name, int pcur, int dcur) const
    {
        auto fmt = [&](const char *what, int cur, int lo, int hi) {
            return "node '" + name + "' " + what + " version (" + std::to_string(cur) +
                   ") is incompatible: [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
        };
        if (!protocolFits(pcur))
            return fmt("protocol", pcur, maxPmin, minPmax);
        if (!delegateFits(dcur))
            return fmt("delegate", dcur, maxDmin, minDmax);
        return {};
    }
};

} // namespace

std::string Engine::Impl::verifyProtocol(const std::vector<wire::PushNodeState> &remote) const
{
    Range range;
    for (const auto &s : remote) {
        if (s.state == wire::NodeState::Alive && s.vsn.size() >= 6)
            range.widen(s.vsn.data());
    }
    // The range is a min/max: any order gives it, and memory order reads the records
    // sequentially (every push/pull verifies the whole table).
    members.forEachUnordered([&](const MemberRecord &r) {
        if (r.state() == wire::NodeState::Alive)
            range.widen(r.vsn().data());
    });
    for (const auto &s : remote) {
        // A state without a full Vsn counts as version 0 and fails, as in Go.
        const bool full = s.vsn.size() >= 6;
        if (auto why = range.check(s.name, full ? s.vsn[2] : 0, full ? s.vsn[5] : 0); !why.empty())
            return why;
    }
    // Whether any of ours fails needs no order; which one is named must be the first in
    // probe order, as memberlist reports it, so only a failure walks that order.
    bool anyFails = false;
    members.forEachUnordered([&](const MemberRecord &r) {
        const auto vsn = r.vsn();
        anyFails = anyFails || !range.fits(vsn[2], vsn[5]);
    });
    std::string why;
    if (anyFails)
        members.forEach([&](const MemberRecord &r) {
            if (why.empty()) {
                const auto vsn = r.vsn();
                why = range.check(r.name(), vsn[2], vsn[5]);
            }
        });
    return why;
}

} // namespace grapevine::protocol
