// Two real Nodes on loopback, each in its own thread behind a NodeHost and a MainWindow:
// the join dialog joins asynchronously and reports the result, and a value typed in one
// window reaches the other window's panel. With different keys, nothing gets in, the
// window names the sender it could not decrypt, and no key material shows anywhere.
#include "tests/support/free_port.h"
#include "ui/dialogs/join_dialog.h"
#include "ui/main_window.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"
#include "ui/node_host.h"
#include "ui/widgets/conflict_banner.h"
#include "ui/widgets/decrypt_warning.h"

#include <QAction>
#include <QBuffer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace grapevine;
using namespace grapevine::ui;

namespace {
using grapevine::testing::freePort;

NodeOptions options(const QString &name, const QTemporaryDir &dir)
{
    NodeOptions o;
    o.name = name;
    o.bindHost = QStringLiteral("127.0.0.1");
    o.bindPort = freePort();
    o.findFreePort = true;
    o.profile = QStringLiteral("local");
    o.dataDir = dir.filePath(name);
    return o;
}

// Node::stats() read in the Node's own thread, as NodeHost does.
NodeStats statsOf(NodeHost &host)
{
    NodeStats stats;
    host.callInNode([&stats](Node *node) { stats = node->stats(); });
    return stats;
}

// Every form a key could leak in: base64 (as typed), hex, and the raw bytes.
QStringList keyForms(const QByteArray &key)
{
    return {QString::fromLatin1(key.toBase64()), QString::fromLatin1(key.toHex()),
            QString::fromLatin1(key.toHex(' ')), QString::fromLatin1(key)};
}

QString exportedLog(const MainWindow &window)
{
    window.logModel()->flush();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    window.logModel()->exportJsonLines(&buffer);
    return QString::fromLatin1(buffer.data());
}

JoinDialog *askToJoin(MainWindow &window, const QString &host, quint16 port)
{
    window.openJoinDialog();
    auto *dialog = window.findChild<JoinDialog *>(QStringLiteral("joinDialog"));
    dialog->findChild<QLineEdit *>(QStringLiteral("hostEdit"))->setText(host);
    dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"))->setText(QString::number(port));
    dialog->findChild<QPushButton *>(QStringLiteral("joinButton"))->click();
    return dialog;
}
} // namespace

class TestNodeHost : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("grapevine-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_node_host"));
        QVERIFY(m_dir.isValid());
    }

    void joinDialogJoinsARealNodeAndTheValueSpreads()
    {
        MainWindow windowA(AppSettings{});
        MainWindow windowB(AppSettings{});
        NodeHost a(options(QStringLiteral("ui-a"), m_dir));
        NodeHost b(options(QStringLiteral("ui-b"), m_dir));
        a.attach(&windowA);
        b.attach(&windowB);
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        const quint16 portA = a.address().section(QLatin1Char(':'), -1).toUShort();

        JoinDialog *dialog = askToJoin(windowB, QStringLiteral("127.0.0.1"), portA);
        QVERIFY(dialog->isJoining()); // returned at once: the join runs in B's thread
        QTRY_COMPARE_WITH_TIMEOUT(dialog->message(), QStringLiteral("Joined: 2 members"), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(windowA.memberModel()->rowCount(), 2, 15'000);

        auto *edit = windowA.findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QTest::keyClicks(edit, QStringLiteral("hello from A"));
        QTest::keyClick(edit, Qt::Key_Return);
        auto *valueB = windowB.findChild<QLabel *>(QStringLiteral("currentValue"));
        QTRY_COMPARE_WITH_TIMEOUT(valueB->text(), QStringLiteral("hello from A"), 15'000);
        auto *convergenceA = windowA.findChild<QLabel *>(QStringLiteral("convergenceLabel"));
        QTRY_VERIFY2_WITH_TIMEOUT(convergenceA->text().startsWith(QStringLiteral("✓ reached 2/2")),
                                  qPrintable(convergenceA->text()), 15'000);
    }

    // The window's ✕ leaves gracefully: the peer sees "left" at once, never suspect or dead
    // (which the failure detector would only decide after several seconds).
    void closingAWindowLeavesAndThePeerSeesLeft()
    {
        MainWindow windowA(AppSettings{});
        MainWindow windowB(AppSettings{});
        NodeHost a(options(QStringLiteral("ui-close-a"), m_dir));
        NodeHost b(options(QStringLiteral("ui-close-b"), m_dir));
        a.attach(&windowA);
        b.attach(&windowB);
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        windowA.show();
        const quint16 portB = b.address().section(QLatin1Char(':'), -1).toUShort();
        askToJoin(windowA, QStringLiteral("127.0.0.1"), portB);
        QTRY_COMPARE_WITH_TIMEOUT(windowB.memberModel()->rowCount(), 2, 15'000);
        QList<MemberState> seenByB;
        b.relay(&Node::memberChanged, this, [&seenByB](MemberChange, const MemberSnapshot &m) {
            if (m.name == QLatin1String("ui-close-a"))
                seenByB.append(m.state);
        });

        QVERIFY(!windowA.close()); // waits for the leave
        QTRY_VERIFY2_WITH_TIMEOUT(!windowA.isVisible(), qPrintable(windowA.statusText()), 10'000);
        const MemberTableModel *members = windowB.memberModel();
        QTRY_COMPARE_WITH_TIMEOUT(
            members->memberAt(members->rowOf(QStringLiteral("ui-close-a"))).state,
            MemberState::Left, 5000);
        QVERIFY(!seenByB.contains(MemberState::Suspect));
        QVERIFY(!seenByB.contains(MemberState::Dead));
    }

    // Cluster › Leave, then Cluster › Join… again: a normal path. While out, Set and Sync are
    // disabled (they could not work), Join stays enabled.
    void leaveThenJoinAgainThroughTheWindow()
    {
        MainWindow windowA(AppSettings{});
        MainWindow windowB(AppSettings{});
        NodeHost a(options(QStringLiteral("ui-out-a"), m_dir));
        NodeHost b(options(QStringLiteral("ui-out-b"), m_dir));
        a.attach(&windowA);
        b.attach(&windowB);
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        const quint16 portB = b.address().section(QLatin1Char(':'), -1).toUShort();
        JoinDialog *dialog = askToJoin(windowA, QStringLiteral("127.0.0.1"), portB);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->message(), QStringLiteral("Joined: 2 members"), 15'000);
        dialog->close();

        auto *leave = windowA.findChild<QAction *>(QStringLiteral("leaveAction"));
        auto *join = windowA.findChild<QAction *>(QStringLiteral("joinAction"));
        auto *set = windowA.findChild<QPushButton *>(QStringLiteral("setButton"));
        auto *sync = windowA.findChild<QPushButton *>(QStringLiteral("syncButton"));
        leave->trigger();
        QTRY_VERIFY2_WITH_TIMEOUT(!leave->isEnabled(), qPrintable(windowA.statusText()), 10'000);
        QVERIFY(join->isEnabled());
        QVERIFY(!set->isEnabled());
        QVERIFY(!sync->isEnabled());
        const MemberTableModel *seenByB = windowB.memberModel();
        QTRY_COMPARE_WITH_TIMEOUT(
            seenByB->memberAt(seenByB->rowOf(QStringLiteral("ui-out-a"))).state, MemberState::Left,
            10'000);

        dialog = askToJoin(windowA, QStringLiteral("127.0.0.1"), portB);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->message(), QStringLiteral("Joined: 2 members"), 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            seenByB->memberAt(seenByB->rowOf(QStringLiteral("ui-out-a"))).state, MemberState::Alive,
            10'000);
        QVERIFY(leave->isEnabled());
        auto *edit = windowA.findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        QVERIFY(edit->isEnabled());
        QTest::keyClicks(edit, QStringLiteral("rejoined"));
        QTest::keyClick(edit, Qt::Key_Return);
        auto *valueB = windowB.findChild<QLabel *>(QStringLiteral("currentValue"));
        QTRY_COMPARE_WITH_TIMEOUT(valueB->text(), QStringLiteral("rejoined"), 15'000);
    }

    void joiningYourOwnWindowSaysSoAndIsNotRemembered()
    {
        MainWindow window(AppSettings{});
        NodeHost host(options(QStringLiteral("ui-self"), m_dir));
        host.attach(&window);
        QString error;
        QVERIFY2(host.start(&error), qPrintable(error));
        window.openJoinDialog();
        auto *dialog = window.findChild<JoinDialog *>(QStringLiteral("joinDialog"));
        auto *hostEdit = dialog->findChild<QLineEdit *>(QStringLiteral("hostEdit"));
        hostEdit->clear();
        QTest::keyClicks(hostEdit, host.address()); // as the title bar shows it: 127.0.0.1:PORT
        QTest::keyClick(hostEdit, Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->message().contains(QStringLiteral("own node")),
                                  qPrintable(dialog->message()), 10'000);
        QVERIFY(!dialog->message().contains(QStringLiteral("Joined")));
        QVERIFY(!AppSettings::load(QSettings()).recentPeers.contains(host.address()));
    }

    void aNameConflictShowsABannerNotASuccess()
    {
        MainWindow windowSeed(AppSettings{});
        MainWindow windowTwin(AppSettings{});
        NodeHost seed(options(QStringLiteral("ui-seed"), m_dir));
        NodeHost original(options(QStringLiteral("ui-twin"), m_dir));
        NodeOptions second = options(QStringLiteral("ui-twin"), m_dir);
        second.dataDir = m_dir.filePath(QStringLiteral("ui-twin-2"));
        NodeHost twin(second);
        MainWindow windowOriginal(AppSettings{});
        seed.attach(&windowSeed);
        original.attach(&windowOriginal);
        twin.attach(&windowTwin);
        QString error;
        for (NodeHost *host : {&seed, &original, &twin})
            QVERIFY2(host->start(&error), qPrintable(error));
        const quint16 seedPort = seed.address().section(QLatin1Char(':'), -1).toUShort();
        askToJoin(windowOriginal, QStringLiteral("127.0.0.1"), seedPort);
        QTRY_COMPARE_WITH_TIMEOUT(windowSeed.memberModel()->rowCount(), 2, 15'000);

        JoinDialog *dialog = askToJoin(windowTwin, QStringLiteral("127.0.0.1"), seedPort);
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->message().startsWith(QStringLiteral("Name conflict")),
                                  qPrintable(dialog->message()), 15'000);
        ConflictBanner *banner = windowTwin.conflictBanner();
        QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisibleTo(&windowTwin),
                                  qPrintable(windowTwin.statusText()), 10'000);
        QVERIFY2(banner->text().contains(original.address()), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("ignores")));
    }

    void joiningNobodySaysWhyNot()
    {
        MainWindow window(AppSettings{});
        NodeHost host(options(QStringLiteral("ui-alone"), m_dir));
        host.attach(&window);
        QString error;
        QVERIFY2(host.start(&error), qPrintable(error));
        JoinDialog *dialog = askToJoin(window, QStringLiteral("127.0.0.1"), freePort());
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->message().startsWith(QStringLiteral("Could not join")),
                                  qPrintable(dialog->message()), 20'000);
        QVERIFY(!dialog->isJoining());
    }

    void windowNamesTheSenderItCouldNotDecrypt()
    {
        const QByteArray keyA(16, 'A');
        const QByteArray keyB =
            QByteArray::fromHex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        NodeOptions optionsA = options(QStringLiteral("ui-key-a"), m_dir);
        NodeOptions optionsB = options(QStringLiteral("ui-key-b"), m_dir);
        optionsA.keys = {keyA};
        optionsB.keys = {keyB};
        MainWindow windowA(AppSettings{});
        MainWindow windowB(AppSettings{});
        NodeHost a(optionsA);
        NodeHost b(optionsB);
        a.attach(&windowA);
        b.attach(&windowB);
        QStringList lines; // everything the nodes say to a person
        for (NodeHost *host : {&a, &b}) {
            host->relay(&Node::logged, this, [&lines](const QString &l) { lines << l; });
            host->relay(&Node::errorOccurred, this, [&lines](const QString &l) { lines << l; });
        }
        QString error;
        QVERIFY2(a.start(&error), qPrintable(error));
        QVERIFY2(b.start(&error), qPrintable(error));
        const quint16 portA = a.address().section(QLatin1Char(':'), -1).toUShort();

        JoinDialog *dialog = askToJoin(windowB, QStringLiteral("127.0.0.1"), portA);
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->message().startsWith(QStringLiteral("Could not join")),
                                  qPrintable(dialog->message()), 20'000);
        DecryptWarning *warning = windowA.decryptWarning();
        QTRY_VERIFY2_WITH_TIMEOUT(warning->total() > 0, qPrintable(windowA.statusText()), 15'000);
        QVERIFY(warning->isVisibleTo(&windowA));
        QVERIFY2(windowA.statusText().contains(QStringLiteral("could not be decrypted")),
                 qPrintable(windowA.statusText()));
        const QStringList senders = warning->counts().keys();
        QVERIFY2(senders.front().startsWith(QStringLiteral("127.0.0.1:")),
                 qPrintable(senders.join(QLatin1Char(' '))));
        QVERIFY(warning->toolTip().contains(senders.front()));
        // The window shows exactly what /v1/stats reports.
        QTRY_COMPARE_WITH_TIMEOUT(warning->counts(), DecryptWarning::countsFromStats(statsOf(a)),
                                  5000);
        QCOMPARE(windowA.memberModel()->rowCount(), 1); // nothing got in
        QCOMPARE(windowB.memberModel()->rowCount(), 1);

        // B could not read A's encrypted answer either: its window names A.
        QTRY_VERIFY2_WITH_TIMEOUT(windowB.decryptWarning()->counts().contains(a.address()),
                                  qPrintable(QStringLiteral("B's decrypt failures name: ") +
                                             windowB.decryptWarning()->counts().keys().join(", ")),
                                  5000);
        QVERIFY(exportedLog(windowA).contains(QStringLiteral("decrypt")));
        lines << dialog->message() << windowA.statusText() << windowB.statusText()
              << warning->toolTip() << exportedLog(windowA) << exportedLog(windowB);
        const QString said = lines.join(QLatin1Char('\n'));
        for (const QByteArray &key : {keyA, keyB}) {
            for (const QString &form : keyForms(key))
                QVERIFY2(!said.contains(form), qPrintable(QStringLiteral("key leaked as ") + form));
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestNodeHost)
#include "tst_node_host.moc"
