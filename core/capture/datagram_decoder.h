// datagram_decoder.h — one captured UDP datagram through core/wire's packet pipeline.
// Owns: learning the label from the datagram itself (an observer has no configured label),
// trying the given keys (both encryption versions) and falling back to plaintext for
// clusters that accept both, and naming why a datagram could not be read ("encrypted; no
// key given", "crc: …", "alive: Port: …").
// Never: drops a datagram without a record; decodes anything core/wire does not.
#pragma once

#include "core/capture/capture_record.h"
#include "core/wire/keyring.h"

namespace grapevine::capture {

CaptureRecord decodeDatagram(const Segment &segment, const wire::Keyring &keyring);

// Whether `payload` has the shape of memberlist's AES-GCM output (version byte 0 or 1 and
// room for nonce and tag); used to say "encrypted" rather than report garbage.
bool looksEncrypted(wire::ByteView payload);

} // namespace grapevine::capture
