// interop_test_base.h — what every interop test class shares: a fresh InteropCluster per
// test function, the "[ERR]" scan of the Go peers' logs after each one (with the lines a
// case expects listed in m_allowedGoErrors), diagnostics on failure, and main() that
// exits 77 (ctest: skipped) when the Go peer or grapevine-agent is not available.
#pragma once

#include "interop_cluster.h"
#include "wait_until.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTest>
#include <cstdio>
#include <memory>

namespace grapevine::interop {

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

// The exit code ctest's SKIP_RETURN_CODE maps to "skipped".
inline constexpr int kSkipExitCode = 77;

template <typename TestClass> int runInteropTests(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString go = goAgentPath();
    const QString agent = grapevineAgentPath();
    if (go.isEmpty() || !QFileInfo(go).isExecutable()) {
        std::puts("SKIP: the Go memberlist peer is not built (needs golang-go and "
                  "golang-github-hashicorp-memberlist-dev)");
        return kSkipExitCode;
    }
    if (agent.isEmpty() || !QFileInfo(agent).isExecutable()) {
        std::puts("SKIP: grapevine-agent is not built in this configuration");
        return kSkipExitCode;
    }
    TestClass tests;
    return QTest::qExec(&tests, argc, argv);
}

} // namespace grapevine::interop

#define GRAPEVINE_INTEROP_MAIN(TestClass)                                                          \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        return grapevine::interop::runInteropTests<TestClass>(argc, argv);                         \
    }
