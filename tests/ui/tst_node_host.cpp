// Two real Nodes on loopback, each in its own thread behind a NodeHost and a MainWindow:
// the join dialog joins asynchronously and reports the result, and a value typed in one
// window reaches the other window's panel.
#include "ui/join_dialog.h"
#include "ui/main_window.h"
#include "ui/member_table_model.h"
#include "ui/node_host.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

using namespace grapevine;
using namespace grapevine::ui;

namespace {
quint16 freePort() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer tcp;
        if (!tcp.listen(QHostAddress::LocalHost, 0))
            continue;
        QUdpSocket udp;
        if (udp.bind(QHostAddress::LocalHost, tcp.serverPort()))
            return tcp.serverPort();
    }
    return 0;
}

NodeOptions options(const QString &name, const QTemporaryDir &dir) {
    NodeOptions o;
    o.name = name;
    o.bindHost = QStringLiteral("127.0.0.1");
    o.bindPort = freePort();
    o.findFreePort = true;
    o.profile = QStringLiteral("local");
    o.dataDir = dir.filePath(name);
    return o;
}

JoinDialog *askToJoin(MainWindow &window, const QString &host, quint16 port) {
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
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("grapevine-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_node_host"));
        QVERIFY(m_dir.isValid());
    }

    void joinDialogJoinsARealNodeAndTheValueSpreads() {
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
        QTRY_VERIFY_WITH_TIMEOUT(convergenceA->text().startsWith(QStringLiteral("✓ reached 2/2")),
                                 15'000);
    }

    void joiningNobodySaysWhyNot() {
        MainWindow window(AppSettings{});
        NodeHost host(options(QStringLiteral("ui-alone"), m_dir));
        host.attach(&window);
        QString error;
        QVERIFY2(host.start(&error), qPrintable(error));
        JoinDialog *dialog = askToJoin(window, QStringLiteral("127.0.0.1"), freePort());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->message().startsWith(QStringLiteral("Could not join")),
                                 20'000);
        QVERIFY(!dialog->isJoining());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestNodeHost)
#include "tst_node_host.moc"
