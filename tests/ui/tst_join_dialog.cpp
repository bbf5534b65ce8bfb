// The join dialog: bad input is explained inside the dialog and never starts a join; a good
// target starts one asynchronously, and the result is reported in plain words.
#include "ui/join_dialog.h"

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
