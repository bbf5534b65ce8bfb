// node_event_log.h — NodeEventLog: a Node's signals as one line per event on stdout (or a
// sink), in text for people or JSON for scripts (DESIGN.md "Interfaces": every JSON line has
// "ev" first and "t" in Unix nanoseconds). Shared by grapevine-agent and the window's
// --log-format. Never prints key material; packet events only when enabled (they are verbose).
#pragma once

#include "core/node/node.h"

#include <QJsonObject>
#include <QObject>
#include <functional>

namespace grapevine::http {

class NodeEventLog : public QObject {
    Q_OBJECT
public:
    enum class Format { Text, Json };
    using Sink = std::function<void(const QByteArray &line)>; // line ends with '\n'

    // Default sink: stdout, flushed per line so a reading process sees events at once.
    NodeEventLog(Node *node, Format format, QObject *parent = nullptr);

    static Format parseFormat(const QString &text)
    {
        return text == QLatin1String("json") ? Format::Json : Format::Text;
    }
    void setSink(Sink sink) { m_sink = std::move(sink); }
    // Packet events (turns the Node's tracing on or off as well).
    void setPacketsEnabled(bool on);

    // Writes one event; fields follow "ev" and "t".
    void log(const QString &event, const QJsonObject &fields);

private:
    void onMemberChanged(MemberChange change, const MemberSnapshot &member);
    void onValueChanged(const ValueSnapshot &value);
    void onPacketTraced(const PacketTrace &trace);
    void onJoinFinished(const JoinResult &result);
    [[nodiscard]] QByteArray textLine(const QString &event, const QJsonObject &fields) const;

    Node *m_node;
    Format m_format;
    Sink m_sink;
    bool m_packets = false;
};

} // namespace grapevine::http
