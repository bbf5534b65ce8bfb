// netns_pair.h — two Linux network namespaces joined by one veth pair, made by a test with
// iproute2 (`ip`, as root) and removed in the destructor; namespaces left behind by a crashed
// run (their owner pid gone) are removed when the next one is made. Cutting the veth link is
// a clean partition between the two sides; each side keeps its own loopback.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class NetnsPair {
public:
    NetnsPair();
    ~NetnsPair();
    NetnsPair(const NetnsPair &) = delete;
    NetnsPair &operator=(const NetnsPair &) = delete;

    // False with the precise reason when namespaces cannot be made here (not root, no `ip`…).
    bool create(QString *why);
    bool setLinked(bool up);

    [[nodiscard]] QString ns(int side) const { return side == 0 ? m_a : m_b; }
    [[nodiscard]] static QString address(int side) { return side == 0 ? "10.77.0.1" : "10.77.0.2"; }

    // Runs `ip args` (the event loop keeps running meanwhile); true on exit code 0.
    static bool ip(const QStringList &args, QByteArray *output = nullptr, int timeoutMs = 10000);
    // Runs program inside namespace ns; its stdout in *output.
    static bool inNamespace(const QString &ns, const QStringList &command,
                            QByteArray *output = nullptr, int timeoutMs = 10000);

private:
    static void removeStale();

    QString m_a, m_b;
    bool m_created = false;
};
