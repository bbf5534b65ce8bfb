// Fuzzes openPacket (plain, and with a keyring and label), then checks that whatever it
// decoded survives sealPacket → openPacket unchanged.
#include "core/wire/packet.h"

#include <cstdlib>

using namespace grapevine::wire;

namespace {

void roundTrip(const std::vector<Message> &messages)
{
    if (messages.empty() || messages.size() > 255)
        return;
    PacketOptions options;
    options.crc = true;
    const Bytes packet = sealPacket(messages, options, {});
    const auto reopened = openPacket(packet, options);
    if (!reopened.ok() || reopened->messages != messages)
        std::abort(); // our own output must decode to what we encoded
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const ByteView input(data, size);
    const auto plain = openPacket(input, PacketOptions{});
    if (plain.ok())
        roundTrip(plain->messages);

    static const Keyring ring = [] {
        Keyring k;
        (void)k.addKey(Bytes{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        return k;
    }();
    PacketOptions secure;
    secure.keyring = &ring;
    (void)openPacket(input, secure);
    secure.label = "prod";
    secure.verifyIncoming = false;
    (void)openPacket(input, secure);
    return 0;
}
