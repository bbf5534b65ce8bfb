// Fuzzes a live protocol::Engine (with the real SharedValue as its Delegate) with an
// arbitrary SEQUENCE of inputs: the fuzz input is a list of records "op (1 byte), length
// (2 bytes, big-endian), bytes"; op % 5 is the kind, op / 5 a selector (peer, time step).
// op picks what happens next: a UDP packet from one of three peers (the bytes opened as a
// datagram), a stream request (the bytes decoded as a frame), the reply to the engine's
// latest open stream, time passing (timers run), or a command (join, leave, sync, a value).
// After every record the engine's own invariants must hold, or the target aborts:
//   - exactly one member is self, named as configured; self is alive until it leaves
//     (suspect or dead rumours about us are refuted, as memberlist refutes them);
//   - self's incarnation never goes down; member names are unique;
//   - aliveCount() equals the alive and suspect members; a suspect has a deadline;
//   - after handleTimeout(now) no timer is still due (nextDeadline() > now);
//   - the value's Lamport clock never goes down and is at least the held value's time.
#include "core/protocol/engine.h"
#include "core/value/shared_value.h"
#include "core/wire/packet.h"
#include "core/wire/stream.h"

#include <chrono>
#include <cstdlib>
#include <set>
#include <variant>

using namespace grapevine;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMaxRecords = 64;
const wire::Endpoint kSelf{{127, 0, 0, 1}, 7946};
const wire::Endpoint kPeers[] = {
    {{10, 0, 0, 2}, 7946}, {{10, 0, 0, 3}, 7946}, {{10, 0, 0, 4}, 7947}};

enum class Op { Packet, Stream, StreamReply, Time, Command, Count };

void check(bool holds)
{
    if (!holds)
        std::abort();
}

struct Harness {
    Harness()
        : config(makeConfig())
        , shared(config.name, false)
        , engine(config, 7, &shared)
    {
        shared.attach(&engine);
        engine.start(now);
        settle();
    }

    static protocol::Config makeConfig()
    {
        auto config = protocol::Config::forProfile(protocol::Profile::Local);
        config.name = "fuzz-self";
        config.advertise = kSelf;
        return config;
    }

    // As the Node does after every engine call: flush the value, keep the open streams.
    void settle()
    {
        shared.flush(now);
        for (const protocol::Effect &effect : engine.drainEffects()) {
            if (const auto *open = std::get_if<protocol::OpenStream>(&effect))
                lastStream = open->id;
        }
    }

    void checkInvariants()
    {
        const auto members = engine.members();
        std::set<std::string> names;
        int selves = 0;
        int alive = 0;
        for (const protocol::MemberInfo &m : members) {
            check(names.insert(m.name).second);
            alive += m.state == wire::NodeState::Alive || m.state == wire::NodeState::Suspect;
            check(m.state != wire::NodeState::Suspect || m.suspicionDeadline.has_value());
            if (!m.isSelf)
                continue;
            ++selves;
            check(m.name == config.name);
            check(m.incarnation >= selfIncarnation);
            check(engine.hasLeft() || m.state == wire::NodeState::Alive);
            selfIncarnation = m.incarnation;
        }
        check(selves == 1);
        check(alive == engine.aliveCount());
        check(shared.clock() >= clock && shared.clock() >= shared.current().version.lamport);
        clock = shared.clock();
    }

    void advance(protocol::Duration by)
    {
        now += by;
        for (int steps = 0; steps < 10000; ++steps) {
            const auto next = engine.nextDeadline();
            if (!next || *next > now)
                break;
            engine.handleTimeout(now);
            settle();
        }
        const auto next = engine.nextDeadline();
        check(!next || *next > now);
    }

    void command(wire::ByteView bytes)
    {
        const std::uint8_t which = bytes.empty() ? 0 : bytes[0];
        switch (which % 4) {
        case 0:
            engine.join(now, {kPeers[which / 4 % 3]});
            break;
        case 1:
            engine.leave(now);
            break;
        case 2:
            shared.syncNow(now);
            break;
        default:
            (void)shared.set(now, 0, std::string(bytes.begin(), bytes.end()));
            break;
        }
    }

    void step(Op op, std::uint8_t selector, wire::ByteView bytes)
    {
        const wire::Endpoint &from = kPeers[selector % 3];
        switch (op) {
        case Op::Packet:
            if (auto packet = wire::openPacket(bytes, wire::PacketOptions{}); packet.ok())
                engine.handlePacket(now, from, packet->messages);
            break;
        case Op::Stream:
            if (auto frame = wire::decodeFrame(bytes, wire::StreamOptions{}); frame.ok())
                (void)engine.handleStreamRequest(now, from, frame.value());
            break;
        case Op::StreamReply:
            if (lastStream != 0)
                engine.handleStreamReply(now, lastStream,
                                         wire::decodeFrame(bytes, wire::StreamOptions{}));
            lastStream = 0;
            break;
        case Op::Time:
            advance(std::chrono::milliseconds(10 * (1 + selector))); // <= 64 x 0.51 s in all
            break;
        case Op::Command:
        case Op::Count:
            command(bytes);
            break;
        }
        settle();
        checkInvariants();
    }

    protocol::Config config;
    value::SharedValue shared;
    protocol::Engine engine;
    protocol::TimePoint now = protocol::TimePoint(1000s);
    std::uint64_t lastStream = 0;
    std::uint32_t selfIncarnation = 0;
    std::uint64_t clock = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Harness harness;
    harness.checkInvariants();
    std::size_t at = 0;
    for (std::size_t record = 0; record < kMaxRecords && at + 3 <= size; ++record) {
        const std::uint8_t head = data[at];
        const std::size_t wanted = std::size_t(data[at + 1]) << 8 | data[at + 2];
        const std::size_t length = std::min(wanted, size - at - 3);
        const auto op = Op(head % std::uint8_t(Op::Count));
        harness.step(op, std::uint8_t(head / std::uint8_t(Op::Count)),
                     wire::ByteView(data + at + 3, length));
        at += 3 + length;
    }
    harness.advance(15s); // the timers after the sequence (probes, suspicion, reap)
    harness.checkInvariants();
    return 0;
}
