// A real `grapevine --serf` window under Xvfb joins a cluster of three real Serf 0.9.4
// agents: every member (and its tags) appears in the window's node, `serf members` lists the
// window with its tags, and `serf event grapevine-value …` becomes the window's value. The
// window saves a screenshot after that (PNG in the build folder) for a person to look at.
#include "serf/serf_agent.h"
#include "tests/support/free_port.h"
#include "tests/support/peer_required.h"
#include "tests/support/wait_until.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine::interop;
using grapevine::testing::waitUntil;

namespace {

constexpr int kScreenshotDelayMs = 20000;
const QString kValue = QStringLiteral("set by serf event");

} // namespace

class TestSerfWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void windowSeesEverySerfAgentWithTags();
    void serfListsTheWindowWithItsTags();
    void serfEventBecomesTheWindowsValue();
    void windowSavesAScreenshot();
    void cleanupTestCase();

private:
    QJsonDocument getJson(const QString &path);

    QTemporaryDir m_home;
    QNetworkAccessManager m_http;
    QList<SerfAgent *> m_serf;
    QProcess m_window;
    quint16 m_httpPort = 0;
    QString m_screenshot;
};

QJsonDocument TestSerfWindow::getJson(const QString &path)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpPort).arg(path)));
    req.setTransferTimeout(3000);
    QNetworkReply *reply = m_http.get(req);
    waitUntil([reply] { return reply->isFinished(); }, 4000, 20);
    const QByteArray body = reply->isFinished() ? reply->readAll() : QByteArray();
    reply->deleteLater();
    return QJsonDocument::fromJson(body);
}

void TestSerfWindow::initTestCase()
{
    QVERIFY(m_home.isValid());
    for (const QString &name :
         {QStringLiteral("serf-a"), QStringLiteral("serf-b"), QStringLiteral("serf-c")}) {
        auto *agent = new SerfAgent(name, this);
        QStringList extra{"-tag", "role=" + name, "-tag", "dc=lab"};
        if (!m_serf.isEmpty())
            extra << "-join" << m_serf.first()->gossipAddress();
        QVERIFY2(agent->start(extra), qPrintable(agent->lastError()));
        m_serf << agent;
    }
    m_httpPort = grapevine::testing::freePort();
    m_screenshot = QDir(QStringLiteral(E2E_OUTPUT_DIR)).filePath("e2e_serf_window.png");
    QFile::remove(m_screenshot);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
    env.insert("QT_QPA_PLATFORM", "xcb");
    m_window.setProcessEnvironment(env);
    m_window.setStandardOutputFile(
        QDir(QStringLiteral(E2E_OUTPUT_DIR)).filePath("e2e_serf_window.jsonl"));
    m_window.setStandardErrorFile(
        QDir(QStringLiteral(E2E_OUTPUT_DIR)).filePath("e2e_serf_window.err"));
    m_window.start(QStringLiteral(GRAPEVINE_GUI_EXE),
                   {"--serf",
                    "--name",
                    "window",
                    "--bind",
                    QStringLiteral("127.0.0.1:%1").arg(grapevine::testing::freePort()),
                    "--http",
                    QStringLiteral("127.0.0.1:%1").arg(m_httpPort),
                    "--profile",
                    "local",
                    "--data-dir",
                    m_home.filePath("data"),
                    "--log-format",
                    "json",
                    "--tag",
                    "role=window",
                    "--tag",
                    "impl=grapevine",
                    "--join",
                    m_serf.first()->gossipAddress(),
                    "--screenshot",
                    m_screenshot,
                    "--screenshot-delay",
                    QString::number(kScreenshotDelayMs)});
    QVERIFY2(m_window.waitForStarted(10000), qPrintable(m_window.errorString()));
    QVERIFY(waitUntil([this] { return !getJson("/v1/value").isNull(); }, 20000));
}

void TestSerfWindow::windowSeesEverySerfAgentWithTags()
{
    auto agentsWithTags = [this] {
        int n = 0;
        for (const QJsonValue &v : getJson("/v1/members").array()) {
            const QJsonObject m = v.toObject();
            const QString name = m.value("name").toString();
            n += name.startsWith("serf-") && m.value("state") == "alive" &&
                 m.value("tags").toObject().value("role") == name &&
                 m.value("tags").toObject().value("dc") == "lab";
        }
        return n;
    };
    QVERIFY(waitUntil([&] { return agentsWithTags() == 3; }, 30000));
}

void TestSerfWindow::serfListsTheWindowWithItsTags()
{
    for (SerfAgent *agent : m_serf)
        QVERIFY(waitUntil(
            [agent] {
                const SerfMember m = agent->members().value("window");
                return m.status == "alive" && m.tags.value("role") == "window" &&
                       m.tags.value("impl") == "grapevine";
            },
            30000));
}

void TestSerfWindow::serfEventBecomesTheWindowsValue()
{
    QVERIFY(m_serf[1]->cli("event", {"grapevine-value", kValue}).ok);
    QVERIFY(waitUntil(
        [this] { return getJson("/v1/value").object().value("value").toString() == kValue; },
        20000));
}

void TestSerfWindow::windowSavesAScreenshot()
{
    QVERIFY(waitUntil([this] { return QFileInfo(m_screenshot).size() > 0; },
                      kScreenshotDelayMs + 20000));
    QImage image(m_screenshot);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800);
}

void TestSerfWindow::cleanupTestCase()
{
    QStringList errors;
    for (SerfAgent *agent : m_serf)
        errors += agent->errorLines();
    if (m_window.state() != QProcess::NotRunning) {
        m_window.terminate();
        if (!m_window.waitForFinished(15000))
            m_window.kill();
    }
    qDeleteAll(m_serf);
    m_serf.clear();
    QVERIFY2(errors.isEmpty(), qPrintable("a Serf agent logged [ERR]:\n" + errors.join('\n')));
}

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (serfPath().isEmpty() || !QFileInfo(serfPath()).isExecutable())
        return grapevine::testing::exitForMissingPeer("the real Serf agent is not built");
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return grapevine::testing::exitForMissingPeer("an X display (run under xvfb-run)");
    TestSerfWindow tests;
    return grapevine::testing::testExitCode(QTest::qExec(&tests, argc, argv));
}

#include "tst_serf_window.moc"
