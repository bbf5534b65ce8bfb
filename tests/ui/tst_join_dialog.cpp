// The join dialog: bad input is explained inside the dialog and never starts a join; a good
// target starts one asynchronously, and the result is reported in plain words.
#include "ui/dialogs/join_dialog.h"

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;

class TestJoinDialog : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_dialog = std::make_unique<JoinDialog>(QStringList{"10.0.0.5:7946", "[::1]:8000"});
        m_dialog->show();
        m_host = m_dialog->findChild<QLineEdit *>(QStringLiteral("hostEdit"));
        m_port = m_dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
        m_join = m_dialog->findChild<QPushButton *>(QStringLiteral("joinButton"));
        QVERIFY(m_host && m_port && m_join);
    }
    void cleanup() { m_dialog.reset(); }

    void badInputShowsAMessageInTheDialog_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty host")
            << QString() << QStringLiteral("7946") << QStringLiteral("host name or IP");
        QTest::newRow("bad host") << QStringLiteral("not a host!") << QStringLiteral("7946")
                                  << QStringLiteral("not a valid");
        QTest::newRow("bad ipv4") << QStringLiteral("300.1.1.1") << QStringLiteral("7946")
                                  << QStringLiteral("not a valid");
        QTest::newRow("port 0") << QStringLiteral("127.0.0.1") << QStringLiteral("0")
                                << QStringLiteral("1 to 65535");
        QTest::newRow("port 65536") << QStringLiteral("127.0.0.1") << QStringLiteral("65536")
                                    << QStringLiteral("1 to 65535");
        QTest::newRow("port letters")
            << QStringLiteral("127.0.0.1") << QStringLiteral("abc") << QStringLiteral("1 to 65535");
        QTest::newRow("empty port")
            << QStringLiteral("127.0.0.1") << QString() << QStringLiteral("1 to 65535");
    }
    void badInputShowsAMessageInTheDialog()
    {
        QFETCH(QString, host);
        QFETCH(QString, port);
        QFETCH(QString, mentions);
        QSignalSpy spy(m_dialog.get(), &JoinDialog::joinRequested);
        m_host->setText(host);
        m_port->setText(port);
        QTest::mouseClick(m_join, Qt::LeftButton);
        QCOMPARE(spy.count(), 0);
        QVERIFY2(m_dialog->message().contains(mentions), qPrintable(m_dialog->message()));
        QVERIFY(m_dialog->isVisible());
        QVERIFY(m_join->isEnabled());
    }

    void goodTargetStartsAnAsynchronousJoin_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("target");
        QTest::newRow("ipv4") << QStringLiteral(" 127.0.0.1 ") << QStringLiteral("7946")
                              << QStringLiteral("127.0.0.1:7946");
        QTest::newRow("ipv6") << QStringLiteral("::1") << QStringLiteral("65535")
                              << QStringLiteral("[::1]:65535");
        QTest::newRow("host name") << QStringLiteral("node-2.lan") << QStringLiteral("1")
                                   << QStringLiteral("node-2.lan:1");
    }
    void goodTargetStartsAnAsynchronousJoin()
    {
        QFETCH(QString, host);
        QFETCH(QString, port);
        QFETCH(QString, target);
        QSignalSpy spy(m_dialog.get(), &JoinDialog::joinRequested);
        m_host->setText(host);
        m_port->setText(port);
        QTest::mouseClick(m_join, Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), target);
        QVERIFY(m_dialog->isJoining());
        QVERIFY(!m_join->isEnabled());
        QVERIFY(m_dialog->message().startsWith(QStringLiteral("Joining")));
    }

    void resultIsReportedInPlainWords()
    {
        m_host->setText(QStringLiteral("127.0.0.1"));
        QTest::mouseClick(m_join, Qt::LeftButton);
        m_dialog->showResult({QStringLiteral("127.0.0.1:7946"), true, 3, {}});
        QCOMPARE(m_dialog->message(), QStringLiteral("Joined: 3 members"));
        QVERIFY(m_join->isEnabled());
        m_dialog->showResult(
            {QStringLiteral("127.0.0.1:7946"), false, 0, QStringLiteral("no answer over UDP")});
        QCOMPARE(m_dialog->message(),
                 QStringLiteral("Could not join 127.0.0.1:7946: no answer over UDP"));
    }

    // The title bar and the status bar show "127.0.0.1:7946"; that form must be accepted as
    // typed, as must [v6]:port, a bare host (default port), a host name, and a pasted list.
    void addressesAreAcceptedAsPeopleWriteThem_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QStringList>("targets");
        QTest::newRow("host:port") << QStringLiteral("127.0.0.1:7946") << QStringLiteral("1")
                                   << QStringList{QStringLiteral("127.0.0.1:7946")};
        QTest::newRow("[v6]:port") << QStringLiteral("[::1]:7947") << QStringLiteral("1")
                                   << QStringList{QStringLiteral("[::1]:7947")};
        QTest::newRow("bare v6") << QStringLiteral("::1") << QStringLiteral("7000")
                                 << QStringList{QStringLiteral("[::1]:7000")};
        QTest::newRow("bare host") << QStringLiteral("localhost") << QStringLiteral("7946")
                                   << QStringList{QStringLiteral("localhost:7946")};
        QTest::newRow("name:port") << QStringLiteral("node-2.lan:8000") << QStringLiteral("7946")
                                   << QStringList{QStringLiteral("node-2.lan:8000")};
        QTest::newRow("pasted list")
            << QStringLiteral(" 10.0.0.1:7946, 10.0.0.2:7947;[fe80::1]:9 10.0.0.3 10.0.0.1:7946")
            << QStringLiteral("7950")
            << QStringList{QStringLiteral("10.0.0.1:7946"), QStringLiteral("10.0.0.2:7947"),
                           QStringLiteral("[fe80::1]:9"), QStringLiteral("10.0.0.3:7950")};
    }
    void addressesAreAcceptedAsPeopleWriteThem()
    {
        QFETCH(QString, typed);
        QFETCH(QString, port);
        QFETCH(QStringList, targets);
        QSignalSpy spy(m_dialog.get(), &JoinDialog::joinRequested);
        m_port->setText(port);
        m_host->clear();
        QTest::keyClicks(m_host, typed);
        QTest::keyClick(m_host, Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toStringList(), targets);
    }

    void malformedAddressesAreExplained_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no port after colon")
            << QStringLiteral("127.0.0.1:") << QStringLiteral("not an address");
        QTest::newRow("unclosed bracket")
            << QStringLiteral("[::1:7946") << QStringLiteral("not an address");
        QTest::newRow("port too big")
            << QStringLiteral("127.0.0.1:99999") << QStringLiteral("1 to 65535");
        QTest::newRow("one bad in a list")
            << QStringLiteral("127.0.0.1:7946, bad_host!") << QStringLiteral("bad_host!");
    }
    void malformedAddressesAreExplained()
    {
        QFETCH(QString, typed);
        QFETCH(QString, mentions);
        QSignalSpy spy(m_dialog.get(), &JoinDialog::joinRequested);
        m_host->setText(typed);
        QTest::mouseClick(m_join, Qt::LeftButton);
        QCOMPARE(spy.count(), 0);
        QVERIFY2(m_dialog->message().contains(mentions), qPrintable(m_dialog->message()));
    }

    void joiningYourOwnAddressIsNotReportedAsSuccess()
    {
        JoinResult own{QStringLiteral("127.0.0.1:7946"), false, 1,
                       QStringLiteral("127.0.0.1:7946 is this node's own address")};
        own.outcome = JoinOutcome::OwnAddress;
        m_dialog->showResult(own);
        QVERIFY2(m_dialog->message().contains(QStringLiteral("own node")),
                 qPrintable(m_dialog->message()));
        QVERIFY(!m_dialog->message().contains(QStringLiteral("Joined")));
    }

    void aNameConflictIsReportedAsAConflict()
    {
        JoinResult conflict{QStringLiteral("127.0.0.1:7946"), false, 2,
                            QStringLiteral("name conflict: the cluster already knows twin")};
        conflict.outcome = JoinOutcome::NameConflict;
        m_dialog->showResult(conflict);
        QVERIFY2(m_dialog->message().startsWith(QStringLiteral("Name conflict")),
                 qPrintable(m_dialog->message()));
        QVERIFY(!m_dialog->message().contains(QStringLiteral("Joined")));
    }

    void aJoinInProgressCanBeCancelled()
    {
        auto *cancel = m_dialog->findChild<QPushButton *>(QStringLiteral("cancelJoinButton"));
        QVERIFY(cancel);
        QVERIFY(!cancel->isEnabled());
        QSignalSpy cancelled(m_dialog.get(), &JoinDialog::cancelRequested);
        m_host->setText(QStringLiteral("10.9.9.9"));
        QTest::mouseClick(m_join, Qt::LeftButton);
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        JoinResult result{QStringLiteral("10.9.9.9:7946"), false, 1, QStringLiteral("cancelled")};
        result.outcome = JoinOutcome::Cancelled;
        m_dialog->showResult(result);
        QCOMPARE(m_dialog->message(), QStringLiteral("Join cancelled."));
        QVERIFY(!m_dialog->isJoining());
        QVERIFY(m_join->isEnabled());
        QVERIFY(!cancel->isEnabled());
    }

    void recentPeersShowTheNodesTheyLedTo()
    {
        JoinDialog dialog(
            {QStringLiteral("127.0.0.1:7946"), QStringLiteral("10.0.0.1:1, 10.0.0.2:2")},
            {{QStringLiteral("127.0.0.1:7946"), QStringLiteral("node1, node2")}});
        auto *recent = dialog.findChild<QListWidget *>(QStringLiteral("recentList"));
        QCOMPARE(recent->item(0)->text(), QStringLiteral("127.0.0.1:7946 — node1, node2"));
        QCOMPARE(recent->item(1)->text(), QStringLiteral("10.0.0.1:1, 10.0.0.2:2"));
        dialog.show();
        QTest::mouseClick(recent->viewport(), Qt::LeftButton, {},
                          recent->visualItemRect(recent->item(1)).center());
        QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("hostEdit"))->text(),
                 QStringLiteral("10.0.0.1:1, 10.0.0.2:2"));
    }

    void recentPeerFillsTheFields()
    {
        auto *recent = m_dialog->findChild<QListWidget *>(QStringLiteral("recentList"));
        QCOMPARE(recent->count(), 2);
        const QRect rect = recent->visualItemRect(recent->item(1));
        QTest::mouseClick(recent->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(m_host->text(), QStringLiteral("::1"));
        QCOMPARE(m_port->text(), QStringLiteral("8000"));
    }

private:
    std::unique_ptr<JoinDialog> m_dialog;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QPushButton *m_join = nullptr;
};

QTEST_MAIN(TestJoinDialog)
#include "tst_join_dialog.moc"
