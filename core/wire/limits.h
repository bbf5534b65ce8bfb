// limits.h — the input limits of the newest memberlist (spec §8.1, §10), enforced by our
// decoders on declared sizes before any bytes are buffered.
// Never: changes a wire format; only refuses oversize input.
#pragma once

#include <cstddef>
#include <cstdint>

namespace grapevine::wire {

inline constexpr std::size_t kMiB = std::size_t{1024} * 1024;
inline constexpr std::size_t kMaxEncryptedFrameBytes = 20 * kMiB; // net.go readStream
inline constexpr std::size_t kMaxUserStateBytes = 20 * kMiB;      // push/pull UserStateLen
inline constexpr std::size_t kMaxUserMsgBytes = 20 * kMiB;        // TCP userMsgHeader
inline constexpr std::size_t kMaxPushPullNodes = 1048576;         // push/pull Nodes
inline constexpr std::size_t kMaxMetaBytes = 512;                 // MetaMaxSize
inline constexpr std::size_t kMaxDecompressedBytes = 40 * kMiB;   // 2 x 20 MiB
inline constexpr std::size_t kMaxUdpPacketBytes = 65536;          // Go's receive buffer
inline constexpr std::size_t kVsnBytes = 6;

} // namespace grapevine::wire
