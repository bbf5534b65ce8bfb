// Bytes written by Serf 0.9.4's own codec (go-msgpack 0.5.5, the default MsgpackHandle that
// serf/messages.go encodeMessage and serf/ping_delegate.go use), for each message type.
// Produced with Debian's golang-github-hashicorp-serf-dev 0.9.4 and go-msgpack 0.5.5 by
// encoding the message structs of serf/messages.go with the values in each comment.
#pragma once

namespace grapevine::serf::vectors {

// messageJoin{LTime: 7, Node: "s1"}
inline constexpr const char *kJoin = "0182a54c54696d6507a44e6f6465a27331";
// messageLeave{LTime: 300, Node: "g1", Prune: false}
inline constexpr const char *kLeave = "0083a54c54696d65cd012ca44e6f6465a26731a55072756e65c2";
// messageUserEvent{LTime: 5, Name: "grapevine-value", Payload: "hello", CC: false}
inline constexpr const char *kUserEvent =
    "0384a24343c2a54c54696d6505a44e616d65af677261706576696e652d76616c7565a75061796c6f6164a56865"
    "6c6c6f";
// messagePushPull{LTime: 3, StatusLTimes: {s1: 2}, LeftMembers: [], EventLTime: 6,
//   Events: [nil, {LTime: 4, Events: [{deploy, "v2"}]}, nil], QueryLTime: 9}
inline constexpr const char *kPushPull =
    "0286aa4576656e744c54696d6506a64576656e747393c082a64576656e74739182a44e616d65a66465706c6f79"
    "a75061796c6f6164a27632a54c54696d6504c0a54c54696d6503ab4c6566744d656d6265727390aa5175657279"
    "4c54696d6509ac5374617475734c54696d657381a2733102";
// messageQuery{LTime: 2, ID: 0xdeadbeef, Addr: 127.0.0.1, Port: 27946, SourceNode: "s1",
//   Flags: 1 (ack), Timeout: 5 s, Name: "_serf_ping"}
inline constexpr const char *kQuery =
    "048ba441646472a47f000001a746696c74657273c0a5466c61677301a24944cedeadbeefa54c54696d6502a44e"
    "616d65aa5f736572665f70696e67a75061796c6f6164c0a4506f7274cd6d2aab52656c6179466163746f7200aa"
    "536f757263654e6f6465a27331a754696d656f7574cf000000012a05f200";
// messageQueryResponse{LTime: 2, ID: 0xdeadbeef, From: "g1", Flags: 1}
inline constexpr const char *kQueryResponse =
    "0585a5466c61677301a446726f6da26731a24944cedeadbeefa54c54696d6502a75061796c6f6164c0";
// keyRequest{Key: 16 × 0x01}
inline constexpr const char *kKeyRequest = "0781a34b6579b001010101010101010101010101010101";
// nodeKeyResponse{Result: true, Keys: ["AQEBAQEBAQEBAQEBAQEBAQ=="], PrimaryKey: same}
inline constexpr const char *kKeyResponse =
    "0884a44b65797391b8415145424151454241514542415145424151454241513d3da74d657373616765a0aa5072"
    "696d6172794b6579b8415145424151454241514542415145424151454241513d3da6526573756c74c3";
// PingVersion 1 + coordinate.NewCoordinate(DefaultConfig()) with Vec[0] = 0.001 and
// Adjustment = -0.0002
inline constexpr const char *kAckCoordinate =
    "0184aa41646a7573746d656e74cbbf2a36e2eb1c432da54572726f72cb3ff8000000000000a6486569676874cb"
    "3ee4f8b588e368f1a356656398cb3f50624dd2f1a9fccb0000000000000000cb0000000000000000cb00000000"
    "00000000cb0000000000000000cb0000000000000000cb0000000000000000cb0000000000000000";
// encodeTags({"role": "web"})
inline constexpr const char *kTags = "ff81a4726f6c65a3776562";

} // namespace grapevine::serf::vectors
