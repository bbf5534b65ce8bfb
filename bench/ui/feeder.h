// feeder.h — stands in for the Node's thread in the window benchmark: emits synthetic packet
// traces and member updates at fixed rates, from its own thread, through queued signals,
// exactly as a Node would.
#pragma once

#include "core/node/node_types.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <random>

namespace grapevine::bench {

class Feeder : public QObject {
    Q_OBJECT
public:
    struct Rates {
        int packetsPerSecond = 0;
        int memberUpdatesPerSecond = 0;
        int members = 0;
    };
    explicit Feeder(QObject *parent = nullptr);

public slots:
    void run(const Rates &rates); // (re)starts feeding; rates of 0 stop it
    void stop();

signals:
    void memberChanged(grapevine::MemberChange change, const grapevine::MemberSnapshot &member);
    void packetTraced(const grapevine::PacketTrace &trace);

private:
    void onTick();
    [[nodiscard]] PacketTrace makeTrace();
    [[nodiscard]] MemberSnapshot makeMember(int index, bool isSelf);

    static constexpr int kTickMs = 5;
    Rates m_rates;
    QTimer m_tick;
    QElapsedTimer m_elapsed;
    std::mt19937 m_rng{42};
    double m_packetCredit = 0;
    double m_updateCredit = 0;
    quint32 m_seq = 0;
    qint64 m_emittedPackets = 0;
};

} // namespace grapevine::bench
