// Fuzzes the capture path: libpcap reading a pcap/pcapng file from memory, then link layer,
// IP, TCP reassembly, core/wire decoding (with a key, so decryption runs too) and the
// membership reconstruction. Every frame must come out as records or be counted, never crash.
#include "core/capture/capture_decoder.h"
#include "core/capture/pcap_file.h"

#include <cstdio>
#include <cstdlib>

using namespace grapevine;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    std::FILE *memory = fmemopen(const_cast<std::uint8_t *>(data), size, "rb");
    if (memory == nullptr)
        return 0;
    auto file = capture::PcapFile::openStream(memory, size);
    if (!file)
        return 0;
    capture::DecodeOptions options;
    (void)options.keyring.addKey(wire::Bytes(16, 1));
    capture::CaptureDecoder decoder(std::move(options));
    capture::CapturedFrame frame;
    std::uint64_t frames = 0;
    while ((*file)->next(frame) == capture::PcapFile::Status::Frame) {
        decoder.handleFrame(frame);
        ++frames;
        (void)decoder.drainRecords();
    }
    decoder.finish();
    (void)decoder.drainRecords();
    if (decoder.stats().frames != frames)
        std::abort(); // a frame read but not accounted for
    return 0;
}
