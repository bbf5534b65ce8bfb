// observation.h — why the engine did what it did, as data: one timestamped Observation per
// step of failure detection (probe, ack, nack, suspicion, confirmation, refutation, death,
// leave, health). memberlist tells some of these as a log line; Lifeguard's paper
// (§IV, "Local Health") and memberlist's suspicion.go give the numbers reported here.
// Owns: the value type and the Observer interface. Never: a cost when nobody listens — the
// engine builds an Observation only while an Observer is set (Engine::setObserver).
#pragma once

#include "config.h"

#include <cstdint>
#include <string>

namespace grapevine::protocol {

enum class ObservationKind : std::uint8_t {
    ProbeSent,          // we pinged `member` (path: Direct over UDP, or Tcp: the fallback)
    AckReceived,        // `member` answered our probe; rtt since the ping; Indirect: via `peer`
    AckMissed,          // no direct ack within ProbeTimeout: the probe goes indirect
    IndirectProbeSent,  // we asked `peer` to ping `member` for us
    NackReceived,       // `peer` could not reach `member` either
    ProbeFailed,        // the probe's time ran out without any ack (nacks, relaysAsked)
    SuspicionRaised,    // `member` suspect at `incarnation`, accused by `peer` (maybe us)
    SuspicionConfirmed, // an independent accuser `peer`; the Lifeguard timeout shrinks
    Refuted,            // `member` proved alive at `incarnation`; about us: we refuted `peer`
    Rejoined,           // `member`, held dead or left, is alive again at `incarnation`
    DeclaredDead,       // `member` dead at `incarnation`, declared by `peer` (maybe us)
    Left,               // `member` left the cluster gracefully
    HealthChanged,      // our own Lifeguard score went from healthBefore to health (cause)
};
const char *observationKindName(ObservationKind kind); // "probe-sent", "ack-received", …

enum class ProbePath : std::uint8_t { Direct, Indirect, Tcp };
const char *probePathName(ProbePath path); // "direct", "indirect", "tcp"

// Why our own health score moved (memberlist awareness.go's ApplyDelta call sites).
enum class HealthCause : std::uint8_t {
    None,
    ProbeAcked,  // −1: a probe of `member` was answered
    ProbeFailed, // +1: a probe of `member` failed and no relay could send nacks
    MissedNacks, // +k: relays asked about `member` sent k fewer nacks than expected (§8.2)
    Refuting,    // +1: we had to refute a suspicion or death claim about ourselves
};
const char *healthCauseName(HealthCause cause); // "probe-acked", "missed-nacks", …

// One step, with the fields its kind uses (the others keep their defaults).
struct Observation {
    TimePoint at{};
    ObservationKind kind = ObservationKind::ProbeSent;
    std::string member{}; // whom it is about (our own name for HealthChanged and our refutation)
    // The relay, accuser, confirmer or declarer; for HealthChanged the member whose probe or
    // accusation moved the score. Empty when none (or a relay we did not ask).
    std::string peer{};
    ProbePath path = ProbePath::Direct; // ProbeSent, AckReceived
    std::uint32_t incarnation = 0;      // SuspicionRaised, Refuted, Rejoined, DeclaredDead
    Duration rtt{};                     // AckReceived: time since the ping went out
    int nacks = 0;                      // ProbeFailed
    int relaysAsked = 0;                // ProbeFailed
    // SuspicionRaised / SuspicionConfirmed: Lifeguard's state after this step. `timeout` is
    // the whole suspicion timeout from its start (memberlist suspicion.go's formula),
    // `deadline` when the member will be declared dead unless it refutes.
    int confirmations = 0;
    int confirmationsWanted = 0;
    Duration timeout{};
    TimePoint deadline{};
    int health = 0; // HealthChanged: the new score (0 = healthy)
    int healthBefore = 0;
    HealthCause cause = HealthCause::None;

    friend bool operator==(const Observation &, const Observation &) = default;
};

// Receives observations synchronously, inside the engine call that made them. It must not
// call back into the engine; a host that wants them later copies them out.
class Observer {
public:
    virtual ~Observer() = default;
    virtual void observe(const Observation &observation) = 0;
};

} // namespace grapevine::protocol
