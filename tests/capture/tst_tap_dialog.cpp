// tst_tap_dialog.cpp — File › Tap an interface…: the interfaces libpcap lists (loopback
// included), the port and key checks with their messages, the capture-rights advice when
// the rights are missing (this thread's capabilities dropped for the moment), and the tap
// window's own failure shown whole above its views. Offscreen; the tap needs root.
#include "ui/capture/tap_dialog.h"
#include "ui/capture/tap_window.h"

#include "core/capture/live_tap.h"
#include "tests/support/peer_required.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryFile>
#include <QTest>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace grapevine;

namespace {

// Drops CAP_NET_RAW and CAP_NET_ADMIN from this thread's effective set (pcap_activate runs
// in this thread) and restores them: the dialog then meets a real "permission denied".
class WithoutCaptureRights {
public:
    WithoutCaptureRights()
    {
        m_ok = ::syscall(SYS_capget, &m_header, m_saved) == 0;
        __user_cap_data_struct dropped[2] = {m_saved[0], m_saved[1]};
        dropped[0].effective &= ~((1u << CAP_NET_RAW) | (1u << CAP_NET_ADMIN));
        m_ok = m_ok && ::syscall(SYS_capset, &m_header, dropped) == 0;
    }
    ~WithoutCaptureRights() { (void)::syscall(SYS_capset, &m_header, m_saved); }
    WithoutCaptureRights(const WithoutCaptureRights &) = delete;
    WithoutCaptureRights &operator=(const WithoutCaptureRights &) = delete;
    [[nodiscard]] bool ok() const { return m_ok; }

private:
    __user_cap_header_struct m_header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct m_saved[2] = {};
    bool m_ok = false;
};

void fill(ui::TapDialog &dialog, const QString &ports, const QString &keys = {},
          const QString &keyFile = {})
{
    dialog.findChild<QLineEdit *>(QStringLiteral("tapPortsEdit"))->setText(ports);
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("tapKeysEdit"))->setPlainText(keys);
    dialog.findChild<QLineEdit *>(QStringLiteral("tapKeyFileEdit"))->setText(keyFile);
}

const QString kKey16 = QStringLiteral("AAECAwQFBgcICQoLDA0ODw=="); // 16 bytes

} // namespace

class TstTapDialog : public QObject {
    Q_OBJECT
private slots:
    void listsTheLoopback();
    void refusesBadInput_data();
    void refusesBadInput();
    void opensWithSeveralPortsAndKeys();
    void saysWhichRightsAreMissing();
    void tapWindowShowsItsFailureWhole();
};

void TstTapDialog::listsTheLoopback()
{
    ui::TapDialog dialog;
    QVERIFY2(dialog.interfaceNames().contains(QStringLiteral("lo")),
             qPrintable(dialog.interfaceNames().join(u' ') + dialog.message()));
    QVERIFY(dialog.selectInterface(QStringLiteral("lo")));
    QCOMPARE(dialog.interfaceName(), QStringLiteral("lo"));
    QVERIFY(!dialog.selectInterface(QStringLiteral("no-such-interface0")));
}

void TstTapDialog::refusesBadInput_data()
{
    QTest::addColumn<QString>("ports");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("keyFileText"); // empty: no key file; "-": a missing file
    QTest::addColumn<QString>("message");
    QTest::newRow("no port") << ""
                             << ""
                             << ""
                             << "Give at least one gossip port";
    QTest::newRow("port 0") << "0"
                            << ""
                            << ""
                            << "Port \"0\" is not a port number";
    QTest::newRow("port too big") << "7946, 65536"
                                  << ""
                                  << ""
                                  << "Port \"65536\" is not a port number: ports are 1 to 65535";
    QTest::newRow("not a number") << "gossip"
                                  << ""
                                  << ""
                                  << "Port \"gossip\" is not";
    QTest::newRow("key not base64") << "7946"
                                    << "not*base64"
                                    << ""
                                    << "Key 1 is not valid base64";
    QTest::newRow("key too short") << "7946" << kKey16 + "\nAAAA"
                                   << ""
                                   << "Key 2 is 3 bytes; AES keys must be 16, 24 or 32 bytes";
    QTest::newRow("missing key file") << "7946"
                                      << ""
                                      << "-"
                                      << "cannot read";
    QTest::newRow("bad key file line") << "7946"
                                       << ""
                                       << "# keys\n" + kKey16 + "\n!!"
                                       << ": line 3 is not valid base64";
}

void TstTapDialog::refusesBadInput()
{
    QFETCH(QString, ports);
    QFETCH(QString, keys);
    QFETCH(QString, keyFileText);
    QFETCH(QString, message);
    QTemporaryFile keyFile;
    QString keyFilePath;
    if (keyFileText == QLatin1String("-")) {
        keyFilePath = QStringLiteral("/nonexistent/grapevine-keys");
    } else if (!keyFileText.isEmpty()) {
        QVERIFY(keyFile.open());
        keyFile.write(keyFileText.toUtf8());
        keyFile.flush();
        keyFilePath = keyFile.fileName();
    }
    ui::TapDialog dialog;
    QVERIFY(dialog.selectInterface(QStringLiteral("lo")));
    fill(dialog, ports, keys, keyFilePath);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open, nothing opened
    QVERIFY2(dialog.message().contains(message), qPrintable(dialog.message()));
}

void TstTapDialog::opensWithSeveralPortsAndKeys()
{
    GRAPEVINE_REQUIRE_PEER(::geteuid() == 0, QStringLiteral("root (capture rights for the tap)"));
    QTemporaryFile keyFile;
    QVERIFY(keyFile.open());
    keyFile.write("# the second key\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
    keyFile.flush();
    ui::TapDialog dialog;
    QVERIFY(dialog.selectInterface(QStringLiteral("lo")));
    fill(dialog, QStringLiteral("7946, 8301 7946"), kKey16, keyFile.fileName());
    dialog.accept();
    QVERIFY2(dialog.result() == QDialog::Accepted, qPrintable(dialog.message()));
    QCOMPARE(dialog.decodeOptions().ports, (std::set<std::uint16_t>{7946, 8301}));
    QCOMPARE(dialog.decodeOptions().keyring.keys().size(), std::size_t(2));
    QCOMPARE(dialog.decodeOptions().keyring.keys()[1].size(), std::size_t(32));
}

void TstTapDialog::saysWhichRightsAreMissing()
{
    GRAPEVINE_REQUIRE_PEER(::geteuid() == 0, QStringLiteral("root (capture rights to drop)"));
    ui::TapDialog dialog;
    QVERIFY(dialog.selectInterface(QStringLiteral("lo")));
    {
        WithoutCaptureRights noRights;
        QVERIFY(noRights.ok());
        dialog.accept();
    }
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.message(),
             QString::fromStdString(capture::LiveTap::rightsAdvice("lo", "grapevine")));
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("tapMessage"));
    QVERIFY(label->wordWrap()); // the advice spans lines; none is cut off
}

void TstTapDialog::tapWindowShowsItsFailureWhole()
{
    capture::DecodeOptions options;
    options.ports = {7946};
    ui::TapWindow window(QStringLiteral("no-such-interface0"), options);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!window.failure().isEmpty(), 10000);
    QVERIFY2(window.failure().contains(QLatin1String("no such interface")),
             qPrintable(window.failure()));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("tapFailure"))->isVisible());
}

GRAPEVINE_TEST_MAIN_WITH(QApplication, TstTapDialog)
#include "tst_tap_dialog.moc"
