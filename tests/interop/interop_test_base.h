// interop_test_base.h — what every interop test class shares: a fresh InteropCluster per
// test function, the "[ERR]" scan of the Go peers' logs after each one (with the lines a
// case expects listed in m_allowedGoErrors), diagnostics on failure, and main() that fails
// naming the Go peer or grapevine-agent when either is not available.
#pragma once

#include "interop_cluster.h"
#include "tests/support/peer_required.h"
#include "tests/support/wait_until.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTest>
#include <memory>

namespace grapevine::interop {

using testing::pumpEvents;
using testing::waitUntil;

class InteropTestBase : public QObject {
    Q_OBJECT
protected slots:
    void init()
    {
        m_cluster = std::make_unique<InteropCluster>();
        m_allowedGoErrors.clear();
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "interop diagnostics:\n" << m_cluster->diagnostics();
        const QStringList errors = m_cluster->goErrors(m_allowedGoErrors);
        m_cluster.reset();
        if (!errors.isEmpty())
            QFAIL(qPrintable(QStringLiteral("the Go side logged [ERR]:\n") + errors.join('\n')));
    }

protected:
    InteropCluster &cluster() { return *m_cluster; }

    std::unique_ptr<InteropCluster> m_cluster;
    QStringList m_allowedGoErrors;
};

// Without the Go peer or the agent nothing here can run: fail naming it (exit 77 only with
// GRAPEVINE_ALLOW_SKIP=1, tests/support/peer_required.h).
template <typename TestClass> int runInteropTests(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString go = goAgentPath();
    const QString agent = grapevineAgentPath();
    if (go.isEmpty() || !QFileInfo(go).isExecutable())
        return testing::exitForMissingPeer(
            QStringLiteral("the Go memberlist peer (goagent) is not built: needs golang-go and "
                           "golang-github-hashicorp-memberlist-dev"));
    if (agent.isEmpty() || !QFileInfo(agent).isExecutable())
        return testing::exitForMissingPeer(
            QStringLiteral("grapevine-agent is not built in this configuration"));
    TestClass tests;
    return testing::testExitCode(QTest::qExec(&tests, argc, argv));
}

} // namespace grapevine::interop

#define GRAPEVINE_INTEROP_MAIN(TestClass)                                                          \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        return grapevine::interop::runInteropTests<TestClass>(argc, argv);                         \
    }
