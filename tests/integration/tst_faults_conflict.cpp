// tst_faults_conflict.cpp — two grapevine-agent processes with one name (different ports) in
// one cluster, a third as the seed (issue 7, "name conflict"). memberlist's aliveNode refuses an
// alive whose address differs from the one it holds ("Conflicting address for %s"); every side
// must say so, the later node must learn it is the impostor, and nobody may flap.
#include "agent_process.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace {

constexpr int kWatchMs = 10'000;

QString portOf(const QString &address)
{
    return address.section(QLatin1Char(':'), 1);
}

// The first "error" event naming a conflict over `name` that mentions both addresses (and
// `also`, when given).
QString conflictMessage(const AgentProcess &agent, const QString &name, const QString &a,
                        const QString &b, const QString &also = {})
{
    for (const QJsonObject &e : agent.events()) {
        const QString message = e.value("message").toString();
        if (e.value("ev") == "error" && message.startsWith("name conflict") &&
            message.contains(name) && message.contains(a) && message.contains(b) &&
            message.contains(also))
            return message;
    }
    return {};
}

} // namespace

class TestFaultsConflict : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everySideReportsTheConflict();
    void impostorLearnsItIsTheImpostor();
    void originalKeepsItsAddressWithoutFlapping();
    void impostorJoiningThroughTheOriginalIsTheImpostor();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AgentProcess> m_seed, m_original, m_impostor;
    qsizetype m_seedEventsBefore = 0;
    qint64 m_incarnationBefore = -1;
};

void TestFaultsConflict::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_seed = std::make_unique<AgentProcess>("seed", m_dir.filePath("seed"));
    m_original = std::make_unique<AgentProcess>("twin", m_dir.filePath("original"));
    m_impostor = std::make_unique<AgentProcess>("twin", m_dir.filePath("impostor"));
    QVERIFY2(m_seed->start({}), m_seed->stderrText().constData());
    QVERIFY2(m_original->start({m_seed->gossipAddress()}), m_original->stderrText().constData());
    const QString originalPort = portOf(m_original->gossipAddress());
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     const QJsonObject twin = m_seed->members().value("twin");
                     return twin.value("state") == "alive" &&
                            QString::number(twin.value("port").toInt()) == originalPort;
                 },
                 10000),
             "the seed never saw the original twin alive");
    m_incarnationBefore = m_seed->members().value("twin").value("incarnation").toInteger();
    m_seedEventsBefore = m_seed->events().size();
    QVERIFY2(m_impostor->start({m_seed->gossipAddress()}), m_impostor->stderrText().constData());
}

void TestFaultsConflict::everySideReportsTheConflict()
{
    const QString original = m_original->gossipAddress();
    const QString impostor = m_impostor->gossipAddress();
    QString seedSays, originalSays, impostorSays;
    const bool all = QTest::qWaitFor(
        [&] {
            seedSays = conflictMessage(*m_seed, "twin", original, impostor);
            originalSays = conflictMessage(*m_original, "twin", original, impostor);
            impostorSays = conflictMessage(*m_impostor, "twin", original, impostor);
            return !seedSays.isEmpty() && !originalSays.isEmpty() && !impostorSays.isEmpty();
        },
        10000);
    qInfo("seed:     %s", qPrintable(seedSays));
    qInfo("original: %s", qPrintable(originalSays));
    qInfo("impostor: %s", qPrintable(impostorSays));
    QVERIFY2(all, "a side did not report the conflict with both addresses within 10 s");
    // The seed keeps the address it knew first, like memberlist.
    QVERIFY2(seedSays.contains(original + " (kept)"), qPrintable(seedSays));
    QVERIFY2(originalSays.contains("also claims this node's name"), qPrintable(originalSays));
}

void TestFaultsConflict::impostorLearnsItIsTheImpostor()
{
    const QString message = conflictMessage(*m_impostor, "twin", m_original->gossipAddress(),
                                            m_impostor->gossipAddress());
    QVERIFY2(message.contains("impostor") && message.contains("another --name"),
             qPrintable(message));
    // The original must never be told it is the impostor.
    for (const QJsonObject &e : m_original->events())
        QVERIFY2(!e.value("message").toString().contains("impostor"),
                 qPrintable(e.value("message").toString()));
}

void TestFaultsConflict::originalKeepsItsAddressWithoutFlapping()
{
    const int originalPort = portOf(m_original->gossipAddress()).toInt();
    QElapsedTimer watch;
    watch.start();
    int polls = 0;
    while (watch.elapsed() < kWatchMs) {
        const QJsonObject twin = m_seed->members().value("twin");
        QCOMPARE(twin.value("state").toString(), QStringLiteral("alive"));
        QCOMPARE(twin.value("port").toInt(), originalPort);
        QCOMPARE(twin.value("incarnation").toInteger(), m_incarnationBefore);
        ++polls;
        QTest::qWait(250);
    }
    // Update events carry RTT refreshes too; a flap is any change of state or address.
    int updates = 0, changes = 0;
    const auto &events = m_seed->events();
    for (qsizetype i = m_seedEventsBefore; i < events.size(); ++i) {
        const QJsonObject &e = events[i];
        if (e.value("node") != "twin" || e.value("ev") == "up")
            continue;
        ++updates;
        if (e.value("state") != "alive" || e.value("port").toInt() != originalPort)
            ++changes;
    }
    qInfo("seed's view of twin over %d polls: %d member events, %d changes of state or address",
          polls, updates, changes);
    QCOMPARE(changes, 0);
    QVERIFY(m_original->running());
    QVERIFY(m_impostor->running());
    QCOMPARE(m_original->members().value("twin").value("port").toInt(), originalPort);
}

// The original answers the join itself: the request lists the impostor's own entry, which must
// not make the original believe it is the impostor.
void TestFaultsConflict::impostorJoiningThroughTheOriginalIsTheImpostor()
{
    AgentProcess second("twin", m_dir.filePath("second"));
    QVERIFY2(second.start({m_original->gossipAddress()}), second.stderrText().constData());
    const QString original = m_original->gossipAddress();
    QString secondSays, originalSays;
    const bool both = QTest::qWaitFor(
        [&] {
            // The original's alive (UDP) may arrive before its join answer (TCP) says "impostor".
            secondSays =
                conflictMessage(second, "twin", original, second.gossipAddress(), "impostor");
            originalSays = conflictMessage(*m_original, "twin", original, second.gossipAddress());
            return !secondSays.isEmpty() && !originalSays.isEmpty();
        },
        10000);
    qInfo("second impostor: %s", qPrintable(secondSays));
    qInfo("original:        %s", qPrintable(originalSays));
    QVERIFY2(both, "the original or the second impostor did not report the conflict within 10 s");
    QVERIFY2(secondSays.contains("impostor"), qPrintable(secondSays));
    for (const QJsonObject &e : m_original->events())
        QVERIFY2(!e.value("message").toString().contains("impostor"),
                 qPrintable(e.value("message").toString()));
    QCOMPARE(m_seed->members().value("twin").value("port").toInt(), portOf(original).toInt());
    second.kill9();
}

void TestFaultsConflict::cleanupTestCase()
{
    for (AgentProcess *agent : {m_seed.get(), m_original.get(), m_impostor.get()}) {
        if (agent && agent->running())
            agent->kill9();
    }
}

QTEST_GUILESS_MAIN(TestFaultsConflict)
#include "tst_faults_conflict.moc"
