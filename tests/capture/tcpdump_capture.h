// tcpdump_capture.h — a real capture of loopback traffic on chosen ports, taken by tcpdump
// while a test's peers run (as root in CI). Failures are reported, never skipped: a test
// that cannot capture has not tested anything.
#pragma once

#include <QList>
#include <QProcess>
#include <QString>

namespace grapevine::capture::testing {

// Whether tcpdump is installed (/usr/sbin, /usr/bin or /sbin), and the peer to name when it is not.
bool tcpdumpInstalled();
inline const char *const kTcpdumpPeer = "tcpdump (Debian package tcpdump)";

class TcpdumpCapture {
public:
    ~TcpdumpCapture();

    // Starts `tcpdump -i lo` writing `path` for UDP and TCP on `ports`; returns once it
    // listens. False with the reason in error() (not installed, no capture rights, …).
    bool start(const QString &path, const QList<quint16> &ports);
    // Stops it (SIGTERM flushes the file). False if it failed or the kernel dropped packets.
    bool stop();

    [[nodiscard]] QString error() const { return m_error; }

private:
    QProcess m_process;
    QString m_error;
};

} // namespace grapevine::capture::testing
