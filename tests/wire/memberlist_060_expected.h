// memberlist_060_expected.h — what each captured memberlist v0.6.0 vector must decode to,
// and the options of the run that produced it.
// The bytes are in vectors/memberlist-0.6.0/<name>.hex; their README says which run, node
// and message produced each one. Ports are the ones the capture's nodes were bound to.
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/messages.h"

#include <string>
#include <vector>

namespace grapevine::wire::ml060 {

inline const Bytes kLoopback = {127, 0, 0, 1};
// Every node ran protocol 2 (memberlist's default) and no delegate versions: 1 5 2 0 0 0.
inline const Bytes kVsn = {1, 5, 2, 0, 0, 0};
inline const std::string kLabel = "grapevine-vectors";

// The bound ports of ml-a, ml-b, ml-c in one capture run.
struct Run {
    std::uint16_t a, b, c;
};
inline constexpr Run kPlain{43285, 35413, 40007};
inline constexpr Run kCompressed{40845, 41755, 34181};
inline constexpr Run kEncrypted{45525, 35873, 44831};
inline constexpr Run kLabelled{37221, 46581, 46103};
inline constexpr Run kLabelledEncrypted{34473, 39413, 35301};
// Protocol version 1 (so encryption version 0, AES-128). A protocol-1 node replaces every
// port it receives by its own bind port, so these captures carry odd ports by design.
inline constexpr Run kAllLayers{42065, 36719, 45625};
inline constexpr Run kEncryptedV0{32925, 41585, 36019};
inline const Bytes kVsnProtocol1 = {1, 5, 1, 0, 0, 0};

// The capture's byte patterns: byte i = (mul·i + add) mod 251.
inline Bytes pattern(std::size_t n, std::size_t mul, std::size_t add)
{
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = static_cast<std::uint8_t>((mul * i + add) % 251);
    return out;
}

inline Ping ping(std::uint32_t seq, const std::string &to, const std::string &from,
                 std::uint16_t fromPort)
{
    return Ping{seq, to, kLoopback, fromPort, from};
}

inline Alive alive(const std::string &node, std::uint16_t port, std::uint32_t incarnation = 1,
                   const std::string &meta = {})
{
    return Alive{incarnation, node, kLoopback, port, toBytes(meta), kVsn};
}

inline PushNodeState state(const std::string &name, std::uint16_t port, NodeState s,
                           std::uint32_t incarnation = 1, const std::string &meta = {})
{
    return PushNodeState{name, kLoopback, port, toBytes(meta), incarnation, s, kVsn};
}

// The join gossip that ml-a sent first: its own alive (meta "role=seed"), then c's, then b's.
inline std::vector<Message> joinAlives(const Run &run)
{
    return {alive("ml-a", run.a, 1, "role=seed"), alive("ml-c", run.c), alive("ml-b", run.b)};
}

inline PushPull joinRequest(std::uint16_t bPort)
{
    return PushPull{true, {state("ml-b", bPort, NodeState::Alive)}, {}};
}

inline PushPull joinReply(const Run &run)
{
    return PushPull{true,
                    {state("ml-b", run.b, NodeState::Alive),
                     state("ml-a", run.a, NodeState::Alive, 1, "role=seed")},
                    {}};
}

// How a capture run was configured (every run had compression off unless it says so).
struct Setup {
    bool compress = false;
    bool encrypted = false;
    std::string label;
    int encryptionVersion = 1; // 0 only at protocol version 1
    std::size_t keyBytes = 32; // the key is 00 01 02 … of this length
};

struct UdpVector {
    std::string name;
    Setup setup;
    std::vector<std::string> layers;
    std::vector<Message> messages;
};

struct StreamVector {
    std::string name;
    Setup setup;
    bool dialled; // written by the dialling side, so it carries the label header
    Message message;
};

inline const Setup kPlainSetup{};
inline const Setup kCompressedSetup{true, false, ""};
inline const Setup kEncryptedSetup{false, true, ""};
inline const Setup kLabelledSetup{false, false, kLabel};
inline const Setup kLabelledEncryptedSetup{false, true, kLabel};
inline const Setup kAllLayersSetup{true, true, kLabel};
inline const Setup kEncryptedV0Setup{false, true, "", 0, 16};

inline std::vector<UdpVector> udpVectors()
{
    const Run p = kPlain;
    const std::string grapevine600 = [] {
        std::string s;
        for (int i = 0; i < 60; ++i)
            s += "grapevine ";
        return s;
    }();
    return {
        {"udp-ping", kPlainSetup, {}, {ping(1, "ml-c", "ml-a", p.a)}},
        {"udp-ack-payload", kPlainSetup, {}, {Ack{2, toBytes("ack-payload-0.6.0")}}},
        {"udp-ack-nil", kPlainSetup, {}, {Ack{1, {}}}},
        {"udp-indirect-ping",
         kPlainSetup,
         {},
         {IndirectPing{4, kLoopback, p.a, "ml-a", true, kLoopback, p.c, "ml-c"}}},
        {"udp-nack", kPlainSetup, {}, {Nack{6}}},
        {"udp-compound-ping-suspect",
         kPlainSetup,
         {"compound"},
         {ping(13, "ml-b", "ml-a", p.a), Suspect{1, "ml-c", "ml-a"}}},
        {"udp-crc-compound-ping-suspect",
         kPlainSetup,
         {"crc", "compound"},
         {ping(12, "ml-c", "ml-b", p.b), Suspect{1, "ml-c", "ml-b"}}},
        {"udp-crc-suspect", kPlainSetup, {"crc"}, {Suspect{1, "ml-c", "ml-b"}}},
        {"udp-crc-alive-meta", kPlainSetup, {"crc"}, {alive("ml-a", p.a, 2, "role=seed;v=2")}},
        {"udp-crc-compound-alive", kPlainSetup, {"crc", "compound"}, joinAlives(p)},
        {"udp-crc-dead", kPlainSetup, {"crc"}, {Dead{1, "ml-c", "ml-b"}}},
        {"udp-crc-dead-left", kPlainSetup, {"crc"}, {Dead{1, "ml-b", "ml-b"}}},
        {"udp-crc-user", kPlainSetup, {"crc"}, {UserMsg{toBytes("hello over udp")}}},
        {"udp-crc-compressed-compound",
         kCompressedSetup,
         {"crc", "compressed", "compound"},
         joinAlives(kCompressed)},
        {"udp-crc-compressed-user",
         kCompressedSetup,
         {"crc", "compressed"},
         {UserMsg{toBytes(grapevine600)}}},
        {"udp-encrypted-ping",
         kEncryptedSetup,
         {"encrypted"},
         {ping(1, "ml-c", "ml-a", kEncrypted.a)}},
        {"udp-encrypted-ack-payload",
         kEncryptedSetup,
         {"encrypted"},
         {Ack{2, toBytes("ack-payload-0.6.0")}}},
        {"udp-encrypted-crc-compound-alive",
         kEncryptedSetup,
         {"encrypted", "crc", "compound"},
         joinAlives(kEncrypted)},
        {"udp-labelled-ping", kLabelledSetup, {"label"}, {ping(1, "ml-c", "ml-a", kLabelled.a)}},
        {"udp-labelled-crc-compound-alive",
         kLabelledSetup,
         {"label", "crc", "compound"},
         joinAlives(kLabelled)},
        {"udp-labelled-encrypted-ping",
         kLabelledEncryptedSetup,
         {"label", "encrypted"},
         {ping(1, "ml-c", "ml-a", kLabelledEncrypted.a)}},
        {"udp-all-layers-compound-alive",
         kAllLayersSetup,
         {"label", "encrypted", "crc", "compressed", "compound"},
         joinAlives(kAllLayers)},
        {"udp-encrypted-v0-ping",
         kEncryptedV0Setup,
         {"encrypted"},
         {ping(1, "ml-b", "ml-a", kEncryptedV0.a)}},
    };
}

inline std::vector<StreamVector> streamVectors()
{
    const Run p = kPlain;
    const UserMsg user200{pattern(200, 3, 1)};
    const PushPull afterFailures{true,
                                 {state("ml-a", p.a, NodeState::Alive, 2, "role=seed;v=2"),
                                  state("ml-b", p.b, NodeState::Left),
                                  state("ml-c", p.c, NodeState::Dead)},
                                 {}};
    return {
        {"tcp-ping", kPlainSetup, true, ping(4, "ml-a", "ml-c", p.c)},
        {"tcp-ack", kPlainSetup, false, Ack{4, {}}},
        {"tcp-pushpull-join", kPlainSetup, true, joinRequest(p.b)},
        {"tcp-pushpull-reply-states", kPlainSetup, false, afterFailures},
        {"tcp-user-200", kPlainSetup, true, user200},
        {"tcp-compressed-pushpull-join", kCompressedSetup, true, joinRequest(kCompressed.b)},
        {"tcp-compressed-pushpull-reply-larger", kCompressedSetup, false, joinReply(kCompressed)},
        {"tcp-encrypted-pushpull-join", kEncryptedSetup, true, joinRequest(kEncrypted.b)},
        {"tcp-encrypted-pushpull-reply", kEncryptedSetup, false, joinReply(kEncrypted)},
        {"tcp-encrypted-user-200", kEncryptedSetup, true, user200},
        {"tcp-labelled-pushpull-join", kLabelledSetup, true, joinRequest(kLabelled.b)},
        {"tcp-labelled-pushpull-reply", kLabelledSetup, false, joinReply(kLabelled)},
        {"tcp-labelled-user-200", kLabelledSetup, true, user200},
        {"tcp-labelled-encrypted-pushpull-join", kLabelledEncryptedSetup, true,
         joinRequest(kLabelledEncrypted.b)},
        {"tcp-labelled-encrypted-pushpull-reply", kLabelledEncryptedSetup, false,
         joinReply(kLabelledEncrypted)},
        {"tcp-all-layers-pushpull-join", kAllLayersSetup, true, joinRequest(kAllLayers.b)},
        {"tcp-all-layers-pushpull-reply", kAllLayersSetup, false, joinReply(kAllLayers)},
        {"tcp-all-layers-user-200", kAllLayersSetup, true, user200},
        {"tcp-encrypted-v0-pushpull-join", kEncryptedV0Setup, true,
         PushPull{true,
                  {PushNodeState{
                      "ml-b", kLoopback, kEncryptedV0.b, {}, 1, NodeState::Alive, kVsnProtocol1}},
                  {}}},
    };
}

} // namespace grapevine::wire::ml060
