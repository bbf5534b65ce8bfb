// node_process.cpp — see the header.
#include "node_process.h"

#include "tests/support/free_port.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <unistd.h>

NodeProcess::NodeProcess(QString program, QString name)
    : m_program(std::move(program))
    , m_name(std::move(name))
{
}

NodeProcess::~NodeProcess()
{
    stop();
}

QString NodeProcess::gossipAddress() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_gossipPort);
}

qint64 NodeProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool NodeProcess::start(const QStringList &extra, int timeoutMs)
{
    m_gossipPort = grapevine::testing::freePort();
    m_httpPort = grapevine::testing::freePort();
    const QStringList args =
        QStringList{"--name",        m_name,   "--bind",
                    gossipAddress(), "--http", QStringLiteral("127.0.0.1:%1").arg(m_httpPort),
                    "--log-format",  "json"} +
        extra;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(QProcess::nullDevice());
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                     [this] { onStdout(); });
    m_process->start(m_program, args);
    return waitUntil([this] { return !get("/v1/members", 200).isEmpty(); }, timeoutMs);
}

void NodeProcess::onStdout()
{
    m_pending += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QJsonDocument doc = QJsonDocument::fromJson(m_pending.left(newline));
        m_pending.remove(0, newline + 1);
        if (doc.isObject() && m_handler)
            m_handler(doc.object());
    }
}

QByteArray NodeProcess::get(const QByteArray &target, int timeoutMs)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_httpPort);
    if (!waitUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return {};
    // HTTP/1.0: the Go server would answer a long 1.1 response chunked.
    socket.write("GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    waitUntil([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    const qsizetype split = answer.indexOf("\r\n\r\n");
    const bool ok = answer.startsWith("HTTP/1.") && answer.mid(9, 3) == "200" && split >= 0;
    return ok ? answer.mid(split + 4) : QByteArray();
}

ProcessUsage NodeProcess::usage() const
{
    ProcessUsage usage;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                usage.rssKb = line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    QFile rollup(QStringLiteral("/proc/%1/smaps_rollup").arg(pid()));
    if (rollup.open(QIODevice::ReadOnly)) {
        usage.privateKb = 0;
        for (const QByteArray &line : rollup.readAll().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() < 2)
                continue;
            if (parts[0] == "Pss:")
                usage.pssKb = parts[1].toLongLong();
            else if (parts[0] == "Private_Clean:" || parts[0] == "Private_Dirty:")
                usage.privateKb += parts[1].toLongLong();
        }
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid()));
    if (stat.open(QIODevice::ReadOnly)) {
        // Fields after the ")" that closes the command name; utime and stime are 14 and 15.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            usage.cpuSeconds = double(fields[11].toLongLong() + fields[12].toLongLong()) /
                               double(::sysconf(_SC_CLK_TCK));
    }
    return usage;
}

void NodeProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}
