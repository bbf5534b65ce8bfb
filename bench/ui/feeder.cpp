#include "feeder.h"

#include <QDateTime>

namespace grapevine::bench {

Feeder::Feeder(QObject *parent)
    : QObject(parent)
    , m_tick(this) // a child, so it moves to the feeder's thread with it
{
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &Feeder::onTick);
}

void Feeder::run(const Rates &rates)
{
    const bool newMembers = rates.members != m_rates.members;
    m_rates = rates;
    if (newMembers) {
        emit memberChanged(MemberChange::Joined, makeMember(0, true));
        for (int i = 1; i < rates.members; ++i)
            emit memberChanged(MemberChange::Joined, makeMember(i, false));
    }
    if (rates.packetsPerSecond > 0 || rates.memberUpdatesPerSecond > 0) {
        m_elapsed.start();
        m_tick.start();
    } else
        m_tick.stop();
}

void Feeder::stop()
{
    m_tick.stop();
}

void Feeder::onTick()
{
    // Credit by elapsed time, not per tick, so a late tick (a busy machine) still delivers
    // the full rate.
    const double seconds = double(m_elapsed.restart()) / 1000.0;
    m_packetCredit += m_rates.packetsPerSecond * seconds;
    m_updateCredit += m_rates.memberUpdatesPerSecond * seconds;
    for (; m_packetCredit >= 1; m_packetCredit -= 1)
        emit packetTraced(makeTrace());
    if (m_rates.members < 2)
        return;
    std::uniform_int_distribution<int> pick(1, m_rates.members - 1);
    for (; m_updateCredit >= 1; m_updateCredit -= 1) {
        MemberSnapshot m = makeMember(pick(m_rng), false);
        m.incarnation = m_seq;
        m.rttUs = 200 + int(m_seq % 700);
        m.state = m_seq % 50 == 0 ? MemberState::Suspect : MemberState::Alive;
        emit memberChanged(MemberChange::Updated, m);
    }
}

MemberSnapshot Feeder::makeMember(int index, bool isSelf)
{
    MemberSnapshot m;
    m.name = QStringLiteral("node-%1").arg(index, 4, 10, QLatin1Char('0'));
    m.address = QStringLiteral("10.0.%1.%2").arg(index / 250).arg(index % 250 + 1);
    m.port = 7946;
    m.isSelf = isSelf;
    m.incarnation = 1;
    m.meta = QByteArrayLiteral("v=3@node-0001");
    m.heldVersion = {3, QStringLiteral("node-0001")};
    m.stateSinceMs = QDateTime::currentMSecsSinceEpoch();
    return m;
}

PacketTrace Feeder::makeTrace()
{
    PacketTrace t;
    t.timeNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    ++m_seq;
    t.direction = m_seq % 2 ? Direction::In : Direction::Out;
    const int peer = m_rates.members > 1 ? int(1 + m_seq % (m_rates.members - 1)) : 1;
    t.peerName = QStringLiteral("node-%1").arg(peer, 4, 10, QLatin1Char('0'));
    t.peer = QStringLiteral("10.0.%1.%2:7946").arg(peer / 250).arg(peer % 250 + 1);
    t.messages = {
        {wire::MessageType::Ping, QStringLiteral("seq=%1 node=%2").arg(m_seq).arg(t.peerName)},
        {wire::MessageType::Alive,
         QStringLiteral("inc=%1 node=node-0007 addr=10.0.0.8:7946").arg(m_seq)},
        {wire::MessageType::Alive,
         QStringLiteral("inc=%1 node=node-0009 addr=10.0.0.10:7946").arg(m_seq)}};
    t.layers = {QStringLiteral("crc"), QStringLiteral("compound")};
    t.raw = QByteArray(220, char(m_seq & 0x7f));
    return t;
}

} // namespace grapevine::bench
