// node_event_log.h — NodeEventLog: a Node's signals as one line per event on stdout (or a
// sink), in text for people or JSON for scripts (DESIGN.md "Interfaces": every JSON line has
// "ev" first and "t" in Unix nanoseconds). Shared by grapevine-agent and the window's
// --log-format. Never prints key material; packet events only when enabled (they are verbose).
// "update" is written only when what the line shows changed (state, address, incarnation,
// and in Serf mode "reaped": memberlist forgot the member, the node still lists it): a
// probe's new RTT alone is not an event (it stays in /v1/members). Output never blocks the
// node: stdout is written by a LineWriter thread, and lines a slow reader leaves no room for
// are dropped and counted (dropped(), /v1/stats "events").
#pragma once

#include "core/node/node.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

namespace grapevine::http {
class LineWriter;
}

namespace grapevine::api {

class NodeEventLog : public QObject {
    Q_OBJECT
public:
    enum class Format { Text, Json };
    using Sink = std::function<void(const QByteArray &line)>; // line ends with '\n'

    // Default sink: stdout through a LineWriter (each line written at once, never waited for).
    NodeEventLog(Node *node, Format format, QObject *parent = nullptr);
    ~NodeEventLog() override;

    static Format parseFormat(const QString &text)
    {
        return text == QLatin1String("json") ? Format::Json : Format::Text;
    }
    void setSink(Sink sink); // instead of stdout
    // Packet events (turns the Node's tracing on or off as well).
    void setPacketsEnabled(bool on);

    // Writes one event; fields follow "ev" and "t".
    void log(const QString &event, const QJsonObject &fields);

    // Lines the stdout writer wrote, and dropped because its reader was too slow (0 with
    // another sink).
    [[nodiscard]] std::uint64_t written() const;
    [[nodiscard]] std::uint64_t dropped() const;

private:
    void onMemberChanged(MemberChange change, const MemberSnapshot &member);
    void onValueChanged(const ValueSnapshot &value);
    void onPacketTraced(const PacketTrace &trace);
    void onJoinFinished(const JoinResult &result);
    [[nodiscard]] static QByteArray textLine(const QString &event, const QJsonObject &fields);

    // What the last line about a member showed; an "update" that would repeat it is skipped.
    struct Shown {
        MemberState state = MemberState::Alive;
        QString address;
        quint16 port = 0;
        quint32 incarnation = 0;
        bool reaped = false; // Serf mode: memberlist reaped it, the node still lists it
        bool operator==(const Shown &) const = default;
    };

    Node *m_node;
    Format m_format;
    std::unique_ptr<http::LineWriter> m_stdout;
    Sink m_sink;
    bool m_packets = false;
    QHash<QString, Shown> m_shown;
};

} // namespace grapevine::api
