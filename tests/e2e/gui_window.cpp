#include "gui_window.h"

#include "tests/support/free_port.h"

#include <QDir>
#include <QJsonDocument>
#include <QLocalSocket>

namespace {
constexpr int kProbeMs = 5000;
constexpr int kStartMs = 10'000;
} // namespace

GuiWindow::GuiWindow(QString name, QString workDir)
    : m_name(std::move(name))
    , m_workDir(std::move(workDir))
{
}

GuiWindow::~GuiWindow()
{
    if (running()) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString GuiWindow::output()
{
    if (m_process)
        m_output += m_process->readAll();
    return QString::fromUtf8(m_output);
}

bool GuiWindow::start()
{
    const quint16 port = grapevine::testing::freePort();
    const QString home = QDir(m_workDir).filePath(m_name);
    QDir().mkpath(home);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("GRAPEVINE_WIDGET_PROBE"), home + QStringLiteral("/probe"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(QStringLiteral(GRAPEVINE_GUI_EXE),
                     {QStringLiteral("--name"), m_name, QStringLiteral("--bind"),
                      QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--profile"),
                      QStringLiteral("local"), QStringLiteral("--data-dir"),
                      home + QStringLiteral("/data")});
    if (!m_process->waitForStarted(kStartMs)) {
        m_lastError = m_name + QStringLiteral(": ") + m_process->errorString();
        return false;
    }
    return true;
}

qint64 GuiWindow::processId() const
{
    return m_process ? m_process->processId() : 0;
}

bool GuiWindow::running() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

int GuiWindow::waitForExit(int timeoutMs)
{
    if (!m_process || !m_process->waitForFinished(timeoutMs) ||
        m_process->exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process->exitCode();
}

QJsonObject GuiWindow::ask(const QByteArray &request)
{
    QLocalSocket socket;
    socket.connectToServer(QDir(m_workDir).filePath(m_name) + QStringLiteral("/probe"));
    if (!socket.waitForConnected(kProbeMs))
        return {{QStringLiteral("error"), QStringLiteral("probe: ") + socket.errorString()}};
    socket.write(request + '\n');
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(kProbeMs))
            return {{QStringLiteral("error"), QStringLiteral("probe: no answer")}};
    }
    return QJsonDocument::fromJson(socket.readLine()).object();
}

QString GuiWindow::text(const QString &objectName)
{
    const QJsonObject reply = ask("text " + objectName.toUtf8());
    if (reply.contains(QStringLiteral("error")))
        return QStringLiteral("<") + reply.value(QStringLiteral("error")).toString() +
               QStringLiteral(">");
    return reply.value(QStringLiteral("text")).toString();
}

QRect GuiWindow::rect(const QString &objectName)
{
    const QJsonObject r = ask("rect " + objectName.toUtf8());
    return {r.value(QStringLiteral("x")).toInt(), r.value(QStringLiteral("y")).toInt(),
            r.value(QStringLiteral("w")).toInt(), r.value(QStringLiteral("h")).toInt()};
}

QString GuiWindow::focusedWindow()
{
    return ask("focus").value(QStringLiteral("window")).toString();
}

QString GuiWindow::focusedWidget()
{
    return ask("focus").value(QStringLiteral("widget")).toString();
}
