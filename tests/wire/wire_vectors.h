// wire_vectors.h — the spec's Appendix A byte strings shared by the wire tests.
#pragma once

#include "core/wire/bytes.h"
#include "core/wire/messages.h"

namespace grapevine::wire::vectors {

inline const Bytes kVsn = {1, 5, 2, 0, 0, 0};
inline const Bytes kLocal4 = {127, 0, 0, 1};

// A.3: the 69-byte ping message (type byte + A.1 ping body).
inline const char *const kPingHex = "00 85 a4 4e 6f 64 65 a6 6e 6f 64 65 2d 62 a5 53 65 71 4e 6f "
                                    "01 aa 53 6f 75 72 63 65 41 64 64 72 a4 7f 00 00 01"
                                    "aa 53 6f 75 72 63 65 4e 6f 64 65 a6 6e 6f 64 65 2d 61 aa 53 "
                                    "6f 75 72 63 65 50 6f 72 74 cd 1f 0a";
inline Message pingMessage()
{
    return Ping{1, "node-b", kLocal4, 7946, "node-a"};
}

inline const char *const kSuspectHex =
    "03 83 a4 46 72 6f 6d a6 6e 6f 64 65 2d 61 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 05 a4 4e 6f 64 "
    "65 a6 6e 6f 64 65 2d 62";
inline Message suspectMessage()
{
    return Suspect{5, "node-b", "node-a"};
}

inline const char *const kPushPullHex =
    "06 83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 01 ac 55 73 65 72 53 74 61 74 65 4c 65 6e 03"
    "87 a4 41 64 64 72 a4 7f 00 00 01 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4d 65 74 61 c0 a4 "
    "4e 61 6d 65"
    "a6 6e 6f 64 65 2d 61 a4 50 6f 72 74 cd 1f 0a a5 53 74 61 74 65 00 a3 56 73 6e a6 01 05 02 00 "
    "00 00 75 73 72";
inline Message pushPullMessage()
{
    return PushPull{true,
                    {PushNodeState{"node-a", kLocal4, 7946, {}, 1, NodeState::Alive, kVsn}},
                    toBytes("usr")};
}

inline const char *const kCompressedPingHex =
    "09 82 a4 41 6c 67 6f 00 a3 42 75 66 da 00 41 00 01 14 22 e5 e4 0d 99 32 a6 dc 18 2c d3 42 4c "
    "a9 29 65 e2 14 0c"
    "a0 6a ca 9b 3a 72 c6 94 09 42 86 8c 1c 52 7f 00 00 a0 68 11 a3 c6 82 07 13 2e 6c 11 a6 e2 c5 "
    "8c 65 a0 bc 91 43"
    "a7 d9 07 05 01 01";

inline const Bytes kKey128 = fromHex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f");
inline const Bytes kNonce = fromHex("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab");

inline const char *const kUdpV1Hex =
    "01 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab aa 03 9c f5 11 ed 56 ac e4 17 d1 65 6b 70 15 33 36 9f "
    "6d 67 82 bd 6e c0 50"
    "62 12 fe 03 e9 eb da 3e dc 45 31 0e 40 bf 02 0a ac 81 a1 e1 b4 6d b5 1a 3a 23 2d 56 ac f7 47 "
    "d1 59 fb b8 86 00 54"
    "12 83 45 7e cd 61 e1 2f 64 6f 5d 82 35 e2 29 1d 55 31 16 c1 fd a2";
inline const char *const kUdpV0Hex = "00 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab aa 03 9c f5 11 ed 56 "
                                     "ac e4 17 d1 65 6b 70 15 33 36 9f 6d 67 82 bd 6e c0 50"
                                     "62 12 fe 03 e9 eb da 3e dc 45 31 0e 40 bf 02 0a ac 81 a1 e1 "
                                     "b4 6d b5 1a 3a 23 2d 56 ac f7 47 d1 59 fb b8 86 00 54"
                                     "12 83 45 7e cd 61 7d 9a c9 db 18 84 b9 52 22 4e 8b b0 1f 84 "
                                     "29 57 83 c3 42 7c 2b a5 38 1c 43 0a cc";
inline const char *const kUdpLabelV1Hex =
    "f4 04 70 72 6f 64 01 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab aa 03 9c f5 11 ed 56 ac e4 17 d1 65 "
    "6b 70 15 33 36 9f 6d"
    "67 82 bd 6e c0 50 62 12 fe 03 e9 eb da 3e dc 45 31 0e 40 bf 02 0a ac 81 a1 e1 b4 6d b5 1a 3a "
    "23 2d 56 ac f7 47 d1"
    "59 fb b8 86 00 54 12 83 45 7e cd 61 d4 54 fe 40 c0 46 46 57 19 b1 29 d1 14 1e fb df";
inline const char *const kTcpEncryptedPushPullHex =
    "0a 00 00 00 81 01 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac 05 9c f1 11 e0 5d c9 2f 36 da 64 23 "
    "61 b1 cc 06 9d 46 7a"
    "d0 63 5c db 40 5c 14 f5 41 0a 2b e9 fe c7 37 95 70 ea ec 6c d4 97 8c a7 ce a9 67 b1 c8 3d 23 "
    "27 32 25 db 88 f6 57"
    "4e 6e ab 04 69 18 57 5f dc b6 0e 5b f0 66 80 7c fd c6 94 36 4f 25 1f cd 3b 5a 1a e1 28 f7 62 "
    "75 8f 39 af 7a 0c 40"
    "06 9e 0d 6e 95 d2 85 86 07 80 b0 74 0c ae 9f 06 1e 6f ea 6e";

// A.4 live capture.
inline const char *const kGoAckCompoundHex =
    "07 02 00 12 00 3c 02 82 a7 50 61 79 6c 6f 61 64 c0 a5 53 65 71 4e 6f 2a"
    "04 86 a4 41 64 64 72 a4 7f 00 00 01 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4d 65 74 61 c0 "
    "a4 4e 6f 64 65"
    "a4 67 6f 2d 61 a4 50 6f 72 74 cd 89 8d a3 56 73 6e a6 01 05 02 00 00 00";
inline const char *const kGoPushPullReplyHex =
    "09 82 a4 41 6c 67 6f 00 a3 42 75 66 da 00 68 00 0d 0c 22 a5 e4 4d 1a 37 c3 4a 39 79 43 a6 cc "
    "9c 00 ac aa cc 29 23"
    "67 0a 9d 30 74 ca 30 29 e3 06 c0 21 52 41 c8 90 91 43 ea 0f 00 00 01 56 25 71 33 26 8c 1c 37 "
    "18 d3 bc 71 13 80 54"
    "93 32 17 81 91 72 12 a6 4d 19 52 67 de b4 08 43 0a ca 1b 39 74 9a 25 6a 54 ca 22 c6 32 00 46 "
    "59 99 e3 c6 54 80 02"
    "02 4e 02 08 08";
inline const char *const kGoTcpAckHex = "09 82 a4 41 6c 67 6f 00 a3 42 75 66 b7 00 05 08 3a 05 25 "
                                        "4c 1e 36 6f c2 90 01 56 6a 4a 99 38 4e de 34 09 08";
inline const char *const kCppPingInHex =
    "00 85 a4 4e 6f 64 65 a4 67 6f 2d 61 a5 53 65 71 4e 6f 2a aa 53 6f 75 72 63 65 41 64 64 72 a4 "
    "7f 00 00 01"
    "aa 53 6f 75 72 63 65 4e 6f 64 65 a5 63 70 70 2d 62 aa 53 6f 75 72 63 65 50 6f 72 74 cd a1 7e";
inline const char *const kCppPushPullInHex =
    "06 83 a4 4a 6f 69 6e c3 a5 4e 6f 64 65 73 01 ac 55 73 65 72 53 74 61 74 65 4c 65 6e 00 87 a4 "
    "41 64 64 72 a4 7f 00"
    "00 01 ab 49 6e 63 61 72 6e 61 74 69 6f 6e 01 a4 4d 65 74 61 c0 a4 4e 61 6d 65 a5 63 70 70 2d "
    "62 a4 50 6f 72 74"
    "cd a1 7e a5 53 74 61 74 65 00 a3 56 73 6e a6 01 05 02 00 00 00";
inline const char *const kGoCrcUserHex = "0c 68 18 b0 f9 08 68 69";

} // namespace grapevine::wire::vectors
