// node_event_log.cpp — see the header.
#include "node_event_log.h"

#include "core/api/snapshot_json.h"
#include "core/http/line_writer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <unistd.h>

namespace grapevine::api {

namespace {

QString changeEvent(MemberChange change)
{
    switch (change) {
    case MemberChange::Joined:
        return QStringLiteral("join");
    case MemberChange::Updated:
        return QStringLiteral("update");
    case MemberChange::Left:
        return QStringLiteral("leave");
    case MemberChange::Removed:
        return QStringLiteral("remove");
    }
    return QStringLiteral("update");
}

QString fieldText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().contains(QLatin1Char(' '))
                   ? QLatin1Char('"') + value.toString() + QLatin1Char('"')
                   : value.toString();
    if (value.isObject() || value.isArray())
        return QString::fromUtf8(
            value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

} // namespace

NodeEventLog::NodeEventLog(Node *node, Format format, QObject *parent)
    : QObject(parent)
    , m_node(node)
    , m_format(format)
    , m_stdout(std::make_unique<http::LineWriter>(STDOUT_FILENO))
    , m_sink([writer = m_stdout.get()](const QByteArray &line) { writer->write(line); })
{
    connect(node, &Node::started, this, [this](const QString &name, const QString &address) {
        log(QStringLiteral("up"), {{QStringLiteral("node"), name},
                                   {QStringLiteral("addr"), address},
                                   {QStringLiteral("mode"), m_node->modeName()}});
    });
    connect(node, &Node::serfNotice, this, [this](const SerfNoticeInfo &notice) {
        log(QStringLiteral("serf"), {{QStringLiteral("kind"), notice.kind},
                                     {QStringLiteral("name"), notice.name},
                                     {QStringLiteral("ltime"), qint64(notice.ltime)},
                                     {QStringLiteral("message"), notice.text}});
    });
    connect(node, &Node::memberChanged, this, &NodeEventLog::onMemberChanged);
    connect(node, &Node::valueChanged, this, &NodeEventLog::onValueChanged);
    connect(node, &Node::convergenceChanged, this, [this](const ConvergenceReport &report) {
        log(QStringLiteral("convergence"), convergenceToJson(report));
    });
    connect(node, &Node::healthChanged, this, [this](int score) {
        log(QStringLiteral("health"), {{QStringLiteral("score"), score}});
    });
    connect(node, &Node::joinFinished, this, &NodeEventLog::onJoinFinished);
    connect(node, &Node::leaveFinished, this, [this] { log(QStringLiteral("left"), {}); });
    connect(node, &Node::errorOccurred, this, [this](const QString &message) {
        log(QStringLiteral("error"), {{QStringLiteral("message"), message}});
    });
    connect(node, &Node::packetTraced, this, &NodeEventLog::onPacketTraced);
    connect(node, &Node::logged, this, [this](const QString &line) {
        log(QStringLiteral("log"), {{QStringLiteral("message"), line}});
    });
}

NodeEventLog::~NodeEventLog() = default;

void NodeEventLog::setSink(Sink sink)
{
    m_sink = std::move(sink);
    m_stdout.reset();
}

std::uint64_t NodeEventLog::written() const
{
    return m_stdout ? m_stdout->written() : 0;
}

std::uint64_t NodeEventLog::dropped() const
{
    return m_stdout ? m_stdout->dropped() : 0;
}

void NodeEventLog::setPacketsEnabled(bool on)
{
    m_packets = on;
    m_node->setTracing(on);
}

void NodeEventLog::log(const QString &event, const QJsonObject &fields)
{
    if (m_format == Format::Text) {
        m_sink(textLine(event, fields));
        return;
    }
    // QJsonObject sorts its keys; "ev" and "t" are written first by hand so a line reads well.
    QByteArray line =
        "{\"ev\":" +
        QJsonDocument(QJsonArray{event}).toJson(QJsonDocument::Compact).mid(1).chopped(1) +
        ",\"t\":" + QByteArray::number(unixNanos());
    const QByteArray rest = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    if (rest.size() > 2)
        line += ',' + rest.mid(1);
    else
        line += '}';
    m_sink(line + '\n');
}

QByteArray NodeEventLog::textLine(const QString &event, const QJsonObject &fields)
{
    QString line = QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm:ss.zzz")) +
                   QLatin1Char(' ') + event;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        line += QLatin1Char(' ') + it.key() + QLatin1Char('=') + fieldText(it.value());
    return line.toUtf8() + '\n';
}

void NodeEventLog::onMemberChanged(MemberChange change, const MemberSnapshot &member)
{
    const Shown shown{member.state, member.address, member.port, member.incarnation, member.reaped};
    if (change == MemberChange::Removed) {
        m_shown.remove(member.name);
    } else {
        const auto it = m_shown.constFind(member.name);
        if (change == MemberChange::Updated && it != m_shown.constEnd() && *it == shown)
            return; // nothing the line shows changed (a new RTT, a suspicion confirmation)
        m_shown.insert(member.name, shown);
    }
    QJsonObject fields{{QStringLiteral("node"), member.name},
                       {QStringLiteral("state"), memberStateName(member.state)},
                       {QStringLiteral("addr"), member.address},
                       {QStringLiteral("port"), member.port},
                       {QStringLiteral("incarnation"), qint64(member.incarnation)}};
    if (member.reaped)
        fields.insert(QStringLiteral("reaped"), true);
    log(changeEvent(change), fields);
}

void NodeEventLog::onValueChanged(const ValueSnapshot &value)
{
    log(QStringLiteral("value"), valueToJson(value));
}

void NodeEventLog::onJoinFinished(const JoinResult &result)
{
    QJsonObject fields{{QStringLiteral("target"), result.target},
                       {QStringLiteral("ok"), result.ok},
                       {QStringLiteral("members"), result.members}};
    if (!result.ok)
        fields.insert(QStringLiteral("error"), result.error);
    log(QStringLiteral("joined"), fields);
}

void NodeEventLog::onPacketTraced(const PacketTrace &trace)
{
    if (!m_packets)
        return;
    QJsonArray types;
    for (const TracedMessage &message : trace.messages)
        types.append(typeLabel(message));
    QJsonObject fields{
        {QStringLiteral("dir"),
         trace.direction == Direction::In ? QStringLiteral("in") : QStringLiteral("out")},
        {QStringLiteral("channel"),
         trace.channel == TraceChannel::Udp ? QStringLiteral("udp") : QStringLiteral("tcp")},
        {QStringLiteral("peer"), trace.peer},
        {QStringLiteral("types"), types},
        {QStringLiteral("layers"), QJsonArray::fromStringList(trace.layers)},
        {QStringLiteral("bytes"), trace.raw.size()}};
    if (!trace.error.isEmpty())
        fields.insert(QStringLiteral("error"), trace.error);
    log(QStringLiteral("packet"), fields);
}

} // namespace grapevine::api
