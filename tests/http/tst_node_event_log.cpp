// NodeEventLog's member lines: "update" only when what the line shows changed (state,
// address, incarnation, reaped); a probe's new RTT or a suspicion confirmation alone writes
// nothing.
#include "core/api/node_event_log.h"

#include <QJsonDocument>
#include <QTest>

using namespace grapevine;

namespace {

MemberSnapshot member(const QString &name, MemberState state, quint32 incarnation, qint64 rttUs)
{
    MemberSnapshot m;
    m.name = name;
    m.address = QStringLiteral("127.0.0.1");
    m.port = 7946;
    m.state = state;
    m.incarnation = incarnation;
    m.rttUs = rttUs;
    return m;
}

} // namespace

class TstNodeEventLog : public QObject {
    Q_OBJECT
private slots:
    void updateIsWrittenOnlyForAChange()
    {
        NodeOptions options;
        options.name = QStringLiteral("self");
        Node node(options); // never started: the test emits its signals itself
        api::NodeEventLog log(&node, api::NodeEventLog::Format::Json);
        QStringList lines;
        log.setSink([&lines](const QByteArray &line) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            lines << event.value("ev").toString() + ' ' + event.value("node").toString() + ' ' +
                         event.value("state").toString() + ' ' +
                         QString::number(event.value("incarnation").toInteger());
        });
        emit node.memberChanged(MemberChange::Joined, member("a", MemberState::Alive, 1, -1));
        emit node.memberChanged(MemberChange::Updated, member("a", MemberState::Alive, 1, 800));
        emit node.memberChanged(MemberChange::Updated, member("a", MemberState::Alive, 1, 950));
        emit node.memberChanged(MemberChange::Updated, member("a", MemberState::Suspect, 1, 950));
        emit node.memberChanged(MemberChange::Updated, member("a", MemberState::Suspect, 1, 950));
        emit node.memberChanged(MemberChange::Updated, member("a", MemberState::Alive, 2, 950));
        emit node.memberChanged(MemberChange::Updated, member("b", MemberState::Alive, 1, 300));
        emit node.memberChanged(MemberChange::Removed, member("a", MemberState::Dead, 2, 950));
        emit node.memberChanged(MemberChange::Updated, member("a", MemberState::Alive, 2, 950));
        QCOMPARE(lines, QStringList({"join a alive 1", "update a suspect 1", "update a alive 2",
                                     "update b alive 1", "remove a dead 2", "update a alive 2"}));
    }

    // Serf mode: memberlist reaps a dead member, the node keeps listing it (reaped), and the
    // log says so once; a later force-leave makes it left, still reaped.
    void aReapInSerfModeIsWrittenOnce()
    {
        NodeOptions options;
        options.name = QStringLiteral("self");
        Node node(options);
        api::NodeEventLog log(&node, api::NodeEventLog::Format::Json);
        QStringList lines;
        log.setSink([&lines](const QByteArray &line) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            lines << event.value("ev").toString() + ' ' + event.value("state").toString() +
                         (event.value("reaped").toBool() ? " reaped" : "");
        });
        MemberSnapshot g3 = member("g3", MemberState::Dead, 1, -1);
        emit node.memberChanged(MemberChange::Left, g3);
        g3.reaped = true;
        emit node.memberChanged(MemberChange::Updated, g3);
        emit node.memberChanged(MemberChange::Updated, g3);
        g3.state = MemberState::Left;
        emit node.memberChanged(MemberChange::Updated, g3);
        QCOMPARE(lines, QStringList({"leave dead", "update dead reaped", "update left reaped"}));
    }
};

QTEST_GUILESS_MAIN(TstNodeEventLog)
#include "tst_node_event_log.moc"
