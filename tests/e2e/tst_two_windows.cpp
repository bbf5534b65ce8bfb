// Two real windows on 127.0.0.1 sharing an encryption key (A reads it from --key-file, B gets
// --key): B joins A, a value PUT on A's HTTP API appears on B's. A third window C has another
// key: it stays out, both sides count what they could not decrypt, and no key appears in
// any window's stdout (JSON events) or stderr. Every window saves a screenshot (PNG in the
// build folder). Waits are bounded waits on conditions (QTRY_*), never fixed sleeps.
#include "tests/support/free_port.h"
#include "tests/support/peer_required.h"
#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

namespace {

constexpr int kScreenshotDelayMs = 9000;

using grapevine::testing::freePort;

struct Window {
    QString name;
    quint16 gossipPort = 0;
    quint16 httpPort = 0;
    QString screenshot;
    std::unique_ptr<QProcess> process;
};

} // namespace

class TestTwoWindows : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void secondWindowJoinsTheFirst();
    void valueSetInOneAppearsInTheOther();
    void windowWithAnotherKeyStaysOutAndIsCounted();
    void everyWindowSavesAScreenshot();
    void noKeyReachesAnyLog();               // after the screenshots, so their stderr lines are in
    void terminatedWindowLeavesGracefully(); // SIGTERM, as the demo's Ctrl-C sends
    void cleanupTestCase();

private:
    void launch(Window &w, const QStringList &extra);
    QByteArray request(const QByteArray &verb, const Window &w, const QString &path,
                       const QByteArray &body = {});
    QJsonDocument getJson(const Window &w, const QString &path);
    QString outputPath(const Window &w, const char *suffix) const;
    [[nodiscard]] qint64 decryptFailures(const Window &w, const QString &sender = {});

    QTemporaryDir m_home;
    QNetworkAccessManager m_http;
    QByteArray m_clusterKey;
    QByteArray m_otherKey;
    Window m_a;
    Window m_b;
    Window m_c;
};

void TestTwoWindows::launch(Window &w, const QStringList &extra)
{
    w.gossipPort = freePort();
    w.httpPort = freePort();
    QVERIFY(w.gossipPort && w.httpPort && w.gossipPort != w.httpPort);
    w.screenshot = outputPath(w, "png");
    QFile::remove(w.screenshot);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"),
               m_home.filePath(QStringLiteral("config-") + w.name));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    w.process = std::make_unique<QProcess>();
    w.process->setProcessEnvironment(env);
    w.process->setStandardOutputFile(outputPath(w, "jsonl"));
    w.process->setStandardErrorFile(outputPath(w, "err"));
    QStringList args{QStringLiteral("--name"),
                     w.name,
                     QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1:%1").arg(w.gossipPort),
                     QStringLiteral("--http"),
                     QStringLiteral("127.0.0.1:%1").arg(w.httpPort),
                     QStringLiteral("--profile"),
                     QStringLiteral("local"),
                     QStringLiteral("--data-dir"),
                     m_home.filePath(QStringLiteral("data-") + w.name),
                     QStringLiteral("--log-format"),
                     QStringLiteral("json"),
                     QStringLiteral("--screenshot"),
                     w.screenshot,
                     QStringLiteral("--screenshot-delay"),
                     QString::number(kScreenshotDelayMs)};
    w.process->start(QStringLiteral(GRAPEVINE_GUI_EXE), args + extra);
    QVERIFY2(w.process->waitForStarted(10'000), qPrintable(w.process->errorString()));
    // Up when its HTTP API answers.
    QTRY_VERIFY2_WITH_TIMEOUT(!request("GET", w, QStringLiteral("/v1/value")).isEmpty(),
                              qPrintable(QStringLiteral("%1's HTTP API does not answer (%2)")
                                             .arg(w.name, w.process->state() == QProcess::Running
                                                              ? QStringLiteral("running")
                                                              : QStringLiteral("exited"))),
                              20'000);
}

QString TestTwoWindows::outputPath(const Window &w, const char *suffix) const
{
    return QDir(QStringLiteral(E2E_OUTPUT_DIR))
        .filePath(QStringLiteral("e2e_%1.%2").arg(w.name, QLatin1String(suffix)));
}

// From /v1/stats "decrypt_failures": one sender's count, or the total.
qint64 TestTwoWindows::decryptFailures(const Window &w, const QString &sender)
{
    const QJsonObject failures = getJson(w, QStringLiteral("/v1/stats"))
                                     .object()
                                     .value(QStringLiteral("decrypt_failures"))
                                     .toObject();
    if (!sender.isEmpty())
        return failures.value(sender).toInteger();
    qint64 total = 0;
    for (const QJsonValue &n : failures)
        total += n.toInteger();
    return total;
}

QByteArray TestTwoWindows::request(const QByteArray &verb, const Window &w, const QString &path,
                                   const QByteArray &body)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(w.httpPort).arg(path)));
    req.setTransferTimeout(3000);
    QNetworkReply *reply = m_http.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(4000, &loop, &QEventLoop::quit); // bound, never a sleep
    loop.exec();
    const QByteArray data = reply->isFinished() && reply->error() == QNetworkReply::NoError
                                ? reply->readAll()
                                : QByteArray();
    reply->deleteLater();
    return data;
}

QJsonDocument TestTwoWindows::getJson(const Window &w, const QString &path)
{
    return QJsonDocument::fromJson(request("GET", w, path));
}

void TestTwoWindows::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Fixed test keys (not secrets); distinct byte patterns so a leak is unmistakable.
    m_clusterKey =
        QByteArray::fromHex("9f3c5a7e11d2b4e6087fa1c3e5d7092b4d6f81a3c5e7092b4d6f81a3c5e70911");
    m_otherKey = QByteArray::fromHex("5e6f708192a3b4c5d6e7f8091a2b3c4d");
    const QString keyFile = m_home.filePath(QStringLiteral("cluster.key"));
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# the cluster key\n" + m_clusterKey.toBase64() + "\n");
    file.close();
    m_a.name = QStringLiteral("window-a");
    m_b.name = QStringLiteral("window-b");
    m_c.name = QStringLiteral("window-c");
    launch(m_a, {QStringLiteral("--key-file"), keyFile});
    QVERIFY(!QTest::currentTestFailed());
    const QString joinA = QStringLiteral("127.0.0.1:%1").arg(m_a.gossipPort);
    launch(m_b, {QStringLiteral("--key"), QString::fromLatin1(m_clusterKey.toBase64()),
                 QStringLiteral("--join"), joinA});
    QVERIFY(!QTest::currentTestFailed());
    launch(m_c, {QStringLiteral("--key"), QString::fromLatin1(m_otherKey.toBase64()),
                 QStringLiteral("--join"), joinA});
}

void TestTwoWindows::secondWindowJoinsTheFirst()
{
    auto aliveCount = [this](const Window &w) {
        int alive = 0;
        for (const QJsonValue &m : getJson(w, QStringLiteral("/v1/members")).array())
            alive +=
                m.toObject().value(QStringLiteral("state")).toString() == QLatin1String("alive");
        return alive;
    };
    QTRY_COMPARE_WITH_TIMEOUT(aliveCount(m_a), 2, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(aliveCount(m_b), 2, 20'000);
}

void TestTwoWindows::valueSetInOneAppearsInTheOther()
{
    const QString value = QStringLiteral("grapes are ripe — très bien");
    QVERIFY(!request("PUT", m_a, QStringLiteral("/v1/value"), value.toUtf8()).isNull());
    auto valueOf = [this](const Window &w) {
        return getJson(w, QStringLiteral("/v1/value"))
            .object()
            .value(QStringLiteral("value"))
            .toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(valueOf(m_a), value, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(valueOf(m_b), value, 10'000);
    QCOMPARE(getJson(m_b, QStringLiteral("/v1/value"))
                 .object()
                 .value(QStringLiteral("origin"))
                 .toString(),
             m_a.name);
}

void TestTwoWindows::windowWithAnotherKeyStaysOutAndIsCounted()
{
    // C keeps retrying its join; A cannot read C's streams, C cannot read A's answers.
    QTRY_VERIFY2_WITH_TIMEOUT(decryptFailures(m_a) > 0, "A counted no decrypt failure", 20'000);
    const QString addressA = QStringLiteral("127.0.0.1:%1").arg(m_a.gossipPort);
    QTRY_VERIFY2_WITH_TIMEOUT(decryptFailures(m_c, addressA) > 0,
                              "C counted no decrypt failure from A", 20'000);
    QCOMPARE(decryptFailures(m_b), 0);
    for (const Window *w : {&m_a, &m_b}) {
        const QJsonArray members = getJson(*w, QStringLiteral("/v1/members")).array();
        QCOMPARE(members.size(), 2);
        for (const QJsonValue &m : members)
            QVERIFY(m.toObject().value(QStringLiteral("name")).toString() != m_c.name);
    }
    QCOMPARE(getJson(m_c, QStringLiteral("/v1/members")).array().size(), 1);
}

void TestTwoWindows::noKeyReachesAnyLog()
{
    QStringList forms;
    for (const QByteArray &key : {m_clusterKey, m_otherKey})
        forms << QString::fromLatin1(key.toBase64()) << QString::fromLatin1(key.toHex())
              << QString::fromLatin1(key.toHex(' ')) << QString::fromLatin1(key.toHex().toUpper());
    for (const Window *w : {&m_a, &m_b, &m_c}) {
        for (const char *suffix : {"jsonl", "err"}) {
            QFile file(outputPath(*w, suffix));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QString text = QString::fromLatin1(file.readAll());
            if (qstrcmp(suffix, "jsonl") == 0)
                QVERIFY2(text.contains(QLatin1String("\"ev\":\"up\"")),
                         qPrintable(file.fileName()));
            for (const QString &form : std::as_const(forms))
                QVERIFY2(!text.contains(form, Qt::CaseInsensitive),
                         qPrintable(QStringLiteral("%1 holds a key").arg(file.fileName())));
        }
    }
}

void TestTwoWindows::everyWindowSavesAScreenshot()
{
    for (const Window *w : {&m_a, &m_b, &m_c}) {
        QTRY_VERIFY2_WITH_TIMEOUT(QFile::exists(w->screenshot),
                                  qPrintable(w->screenshot + QStringLiteral(" was not written")),
                                  30'000);
        QImage image;
        QTRY_VERIFY2_WITH_TIMEOUT(image.load(w->screenshot),
                                  qPrintable(w->screenshot + QStringLiteral(" does not load")),
                                  5000);
        QVERIFY2(image.width() >= 800 && image.height() >= 500,
                 qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
        // A real window has many colours; a blank or black grab has one.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        qInfo("screenshot: %s", qPrintable(w->screenshot));
    }
}

void TestTwoWindows::terminatedWindowLeavesGracefully()
{
    auto stateOfB = [this] {
        for (const QJsonValue &m : getJson(m_a, QStringLiteral("/v1/members")).array()) {
            if (m.toObject().value(QStringLiteral("name")).toString() == m_b.name)
                return m.toObject().value(QStringLiteral("state")).toString();
        }
        return QString();
    };
    QCOMPARE(stateOfB(), QStringLiteral("alive"));
    m_b.process->terminate(); // SIGTERM
    // "left" (a graceful leave) within the failure detector's time, never suspect or dead.
    QTRY_COMPARE_WITH_TIMEOUT(stateOfB(), QStringLiteral("left"), 5000);
    QVERIFY(m_b.process->waitForFinished(10'000));
    QCOMPARE(m_b.process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_b.process->exitCode(), 0);
    QFile events(outputPath(m_b, "jsonl"));
    QVERIFY(events.open(QIODevice::ReadOnly));
    QVERIFY2(events.readAll().contains("\"ev\":\"left\""), "B never reported its leave");
}

void TestTwoWindows::cleanupTestCase()
{
    for (Window *w : {&m_a, &m_b, &m_c}) {
        if (!w->process || w->process->state() == QProcess::NotRunning)
            continue;
        request("POST", *w, QStringLiteral("/v1/leave"));
    }
    for (Window *w : {&m_a, &m_b, &m_c}) {
        if (w->process && !w->process->waitForFinished(15'000)) {
            w->process->kill();
            w->process->waitForFinished(5000);
        }
    }
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return grapevine::testing::exitForMissingPeer(
            QStringLiteral("an X display (xvfb-run, package xvfb)"));
    QCoreApplication app(argc, argv);
    TestTwoWindows test;
    QTEST_SET_MAIN_SOURCE_PATH
    return grapevine::testing::testExitCode(QTest::qExec(&test, argc, argv));
}

#include "tst_two_windows.moc"
