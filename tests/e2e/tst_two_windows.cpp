// Two real windows on 127.0.0.1: B joins A, a value PUT on A's HTTP API appears on B's, and
// both windows save a screenshot (PNG in the build folder) once the value has spread.
// Waits are bounded waits on conditions (QTRY_*), never fixed sleeps.
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
#include <cstdio>

namespace {

constexpr int kScreenshotDelayMs = 9000;

// A port free for both TCP and UDP on loopback right now.
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
    void bothWindowsSaveScreenshots();
    void cleanupTestCase();

private:
    void launch(Window &w, const QStringList &extra);
    QByteArray request(const QByteArray &verb, const Window &w, const QString &path,
                       const QByteArray &body = {});
    QJsonDocument getJson(const Window &w, const QString &path);

    QTemporaryDir m_home;
    QNetworkAccessManager m_http;
    Window m_a;
    Window m_b;
};

void TestTwoWindows::launch(Window &w, const QStringList &extra) {
    w.gossipPort = freePort();
    w.httpPort = freePort();
    QVERIFY(w.gossipPort && w.httpPort && w.gossipPort != w.httpPort);
    w.screenshot =
        QDir(QStringLiteral(E2E_OUTPUT_DIR)).filePath(QStringLiteral("e2e_%1.png").arg(w.name));
    QFile::remove(w.screenshot);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"),
               m_home.filePath(QStringLiteral("config-") + w.name));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    w.process = std::make_unique<QProcess>();
    w.process->setProcessEnvironment(env);
    w.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    w.process->setStandardOutputFile(
        QDir(QStringLiteral(E2E_OUTPUT_DIR)).filePath(QStringLiteral("e2e_%1.jsonl").arg(w.name)));
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
    QTRY_VERIFY_WITH_TIMEOUT(!request("GET", w, QStringLiteral("/v1/value")).isEmpty(), 20'000);
}

QByteArray TestTwoWindows::request(const QByteArray &verb, const Window &w, const QString &path,
                                   const QByteArray &body) {
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

QJsonDocument TestTwoWindows::getJson(const Window &w, const QString &path) {
    return QJsonDocument::fromJson(request("GET", w, path));
}

void TestTwoWindows::initTestCase() {
    QVERIFY(m_home.isValid());
    m_a.name = QStringLiteral("window-a");
    m_b.name = QStringLiteral("window-b");
    launch(m_a, {});
    QVERIFY(!QTest::currentTestFailed());
    launch(m_b, {QStringLiteral("--join"), QStringLiteral("127.0.0.1:%1").arg(m_a.gossipPort)});
}

void TestTwoWindows::secondWindowJoinsTheFirst() {
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

void TestTwoWindows::valueSetInOneAppearsInTheOther() {
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

void TestTwoWindows::bothWindowsSaveScreenshots() {
    for (const Window *w : {&m_a, &m_b}) {
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(w->screenshot), 30'000);
        QImage image;
        QTRY_VERIFY_WITH_TIMEOUT(image.load(w->screenshot), 5000);
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

void TestTwoWindows::cleanupTestCase() {
    for (Window *w : {&m_a, &m_b}) {
        if (!w->process || w->process->state() == QProcess::NotRunning)
            continue;
        request("POST", *w, QStringLiteral("/v1/leave"));
    }
    for (Window *w : {&m_a, &m_b}) {
        if (w->process && !w->process->waitForFinished(15'000)) {
            w->process->kill();
            w->process->waitForFinished(5000);
        }
    }
}

int main(int argc, char *argv[]) {
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::fputs("SKIP: no X display (run under xvfb-run)\n", stderr);
        return 77;
    }
    QCoreApplication app(argc, argv);
    TestTwoWindows test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_two_windows.moc"
