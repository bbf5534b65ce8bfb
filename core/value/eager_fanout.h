// eager_fanout.h — how many peers a new version is pushed to at once (eager push).
// Owns: the widths, chosen so that the expected number of live members that no push
// reaches stays under kLeftOutTarget per set (docs/protocol.md "Spreading"). Plain
// arithmetic: no engine, no randomness.
//
// Why: with infect-and-die pushes, where every node that first applies a version pushes it
// to k random peers, a node is missed by all of them with probability about e^-k; the
// setter's own push covers a share s/(N-1) of its peers first (less what is lost). So with
// N members about N·max(1 - s/(N-1), loss)·e^-k nodes are left to the gossip tick (200 ms on LAN,
// and starved by the metadata updates that every apply queues) or to push/pull. The widths make
// that a small fraction of a node per set at every size, for bytes within 2x of fanout GossipNodes.
#pragma once

namespace grapevine::value {

// The setter pushes to this many peers at most: every peer up to 129 members (one hop, no
// node left out without loss), a 128-datagram burst (about 13 kB) beyond.
inline constexpr int kSetterFanoutCap = 128;
// Expected live members no push reaches, per set, that the relay width aims under.
inline constexpr double kLeftOutTarget = 1e-3;
// The datagram loss the widths are made for: even where the setter pushes to every peer,
// this share of its pushes is taken as lost, so relays still push wide enough to cover it.
inline constexpr double kDesignLoss = 0.05;

// `peers`: live members other than ourselves. Never below GossipNodes, never above peers.
[[nodiscard]] int setterFanout(int peers, int gossipNodes);
// The width for a node that relays a version it just applied for the first time.
[[nodiscard]] int relayFanout(int peers, int gossipNodes);

} // namespace grapevine::value
