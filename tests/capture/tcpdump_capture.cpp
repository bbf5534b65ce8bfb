#include "tcpdump_capture.h"

#include "tests/support/wait_until.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>

namespace grapevine::capture::testing {

namespace {

QString tcpdumpPath()
{
    return QStandardPaths::findExecutable(
        QStringLiteral("tcpdump"),
        {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin")});
}

} // namespace

bool tcpdumpInstalled()
{
    return !tcpdumpPath().isEmpty();
}

TcpdumpCapture::~TcpdumpCapture()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool TcpdumpCapture::start(const QString &path, const QList<quint16> &ports)
{
    const QString tcpdump = tcpdumpPath();
    if (tcpdump.isEmpty()) {
        m_error = QStringLiteral("tcpdump is not installed (Debian package tcpdump)");
        return false;
    }
    QStringList filter;
    for (quint16 port : ports)
        filter << QStringLiteral("port %1").arg(port);
    // --immediate-mode: packets reach tcpdump as they come (not in blocks handed over once a
    // second, which a SIGTERM would lose); -U: each is written at once; -B: room for a burst.
    m_process.start(tcpdump, {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-n"),
                              QStringLiteral("--immediate-mode"), QStringLiteral("-U"),
                              QStringLiteral("-B"), QStringLiteral("8192"), QStringLiteral("-w"),
                              path, filter.join(QStringLiteral(" or "))});
    QByteArray log;
    const bool listening = grapevine::testing::waitUntil(
        [&] {
            log += m_process.readAllStandardError();
            return log.contains("listening on") || m_process.state() == QProcess::NotRunning;
        },
        10000);
    if (!listening || m_process.state() == QProcess::NotRunning) {
        m_error = QStringLiteral("tcpdump did not start capturing (needs root or "
                                 "cap_net_raw,cap_net_admin): ") +
                  QString::fromLocal8Bit(log + m_process.readAllStandardError()).trimmed();
        return false;
    }
    return true;
}

bool TcpdumpCapture::stop()
{
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_error = QStringLiteral("tcpdump did not stop");
        return false;
    }
    const QString log = QString::fromLocal8Bit(m_process.readAllStandardError());
    static const QRegularExpression noDrops(QStringLiteral("^0 packets dropped by kernel$"),
                                            QRegularExpression::MultilineOption);
    if (!noDrops.match(log).hasMatch()) {
        m_error = QStringLiteral("tcpdump lost packets: ") + log.trimmed();
        return false;
    }
    return true;
}

} // namespace grapevine::capture::testing
