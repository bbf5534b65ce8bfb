// Fuzzes the push/pull merge path: a stream frame is decoded; when it is a PushPull it is
// handed to a started protocol::Engine (with the real SharedValue as its Delegate, so the
// user state reaches the value register) via handleStreamRequest at a fixed time, then the
// engine's timers run for a minute of simulated time. Nothing may crash, hang or leak.
#include "core/protocol/engine.h"
#include "core/value/shared_value.h"
#include "core/wire/stream.h"

#include <chrono>
#include <variant>

using namespace grapevine;
using namespace std::chrono_literals;

namespace {

void settle(protocol::Engine &engine, value::SharedValue &shared, protocol::TimePoint until)
{
    shared.flush(until);
    for (int steps = 0; steps < 10000; ++steps) {
        engine.drainEffects();
        const auto next = engine.nextDeadline();
        if (!next || *next > until)
            break;
        engine.handleTimeout(*next);
        shared.flush(*next);
    }
    engine.drainEffects();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto frame = wire::decodeFrame(wire::ByteView(data, size), wire::StreamOptions{});
    if (!frame.ok() || !std::holds_alternative<wire::PushPull>(frame.value()))
        return 0;
    auto config = protocol::Config::forProfile(protocol::Profile::Local);
    config.name = "fuzz-self";
    config.advertise = wire::Endpoint{{127, 0, 0, 1}, 7946};
    value::SharedValue shared(config.name, false);
    protocol::Engine engine(config, 1, &shared);
    shared.attach(&engine);
    const protocol::TimePoint start = 1000s;
    engine.start(start);
    settle(engine, shared, start);
    const wire::Endpoint peer{{10, 0, 0, 2}, 7946};
    (void)engine.handleStreamRequest(start + 1s, peer, frame.value());
    shared.flush(start + 1s); // as the Node does after every engine call
    settle(engine, shared, start + 60s);
    return 0;
}
