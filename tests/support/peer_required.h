// peer_required.h — what a test does when a real peer it needs is missing (the Go memberlist
// or Serf peer, an X display, root for network namespaces, an IPv6 loopback, a packaging
// validator): it FAILS and names the peer. A developer without it may set
// GRAPEVINE_ALLOW_SKIP=1; then the case is skipped, the program exits 77 and ctest (with
// SKIP_RETURN_CODE 77) reports it "Skipped", never "Passed"; scripts/test.sh lists it loudly.
// Every skip in tests/ goes through GRAPEVINE_REQUIRE_PEER (a bare QSKIP exits 0, which ctest
// would count as a pass; the test "tests_no_bare_qskip" keeps it that way).
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTest>
#include <cstdio>

namespace grapevine::testing {

// The exit code ctest's SKIP_RETURN_CODE maps to "Skipped".
inline constexpr int kSkipExitCode = 77;

[[nodiscard]] inline bool skipsAllowed()
{
    return qEnvironmentVariable("GRAPEVINE_ALLOW_SKIP") == QLatin1String("1");
}

// Set when a case was skipped for a missing peer: the program then exits 77, not 0.
inline bool &skippedForMissingPeer()
{
    static bool skipped = false;
    return skipped;
}

[[nodiscard]] inline QString missingPeerMessage(const QString &what)
{
    if (skipsAllowed())
        return QStringLiteral("MISSING PEER, skipped (GRAPEVINE_ALLOW_SKIP=1): ") + what;
    return QStringLiteral("MISSING PEER: ") + what +
           QStringLiteral(" (install it with scripts/deps.sh, run as root where namespaces are "
                          "needed, or set GRAPEVINE_ALLOW_SKIP=1 to skip)");
}

// For a program that cannot start at all (no Go peer, no display): what main() returns.
[[nodiscard]] inline int exitForMissingPeer(const QString &what)
{
    std::fprintf(stderr, "%s\n", qPrintable(missingPeerMessage(what)));
    return skipsAllowed() ? kSkipExitCode : 1;
}

// QTest::qExec's result, turned into 77 when every case that ran passed but one was skipped.
[[nodiscard]] inline int testExitCode(int qExecResult)
{
    return qExecResult == 0 && skippedForMissingPeer() ? kSkipExitCode : qExecResult;
}

} // namespace grapevine::testing

// Inside a test function: when `available` is false, fail naming `what` (a QString), or,
// with GRAPEVINE_ALLOW_SKIP=1, skip and make the program exit 77.
#define GRAPEVINE_REQUIRE_PEER(available, what)                                                    \
    do {                                                                                           \
        if (!(available)) {                                                                        \
            const QString grapevineMissing_ = grapevine::testing::missingPeerMessage(what);        \
            if (!grapevine::testing::skipsAllowed())                                               \
                QFAIL(qPrintable(grapevineMissing_));                                              \
            grapevine::testing::skippedForMissingPeer() = true;                                    \
            QSKIP(qPrintable(grapevineMissing_));                                                  \
        }                                                                                          \
    } while (false)

// QTEST_MAIN / QTEST_GUILESS_MAIN for a program that uses GRAPEVINE_REQUIRE_PEER.
#define GRAPEVINE_TEST_MAIN_WITH(AppClass, TestClass)                                              \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        AppClass app(argc, argv);                                                                  \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return grapevine::testing::testExitCode(QTest::qExec(&test, argc, argv));                  \
    }
#define GRAPEVINE_TEST_GUILESS_MAIN(TestClass) GRAPEVINE_TEST_MAIN_WITH(QCoreApplication, TestClass)
