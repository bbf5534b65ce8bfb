// node.h — Node: the QObject facade the window and the agent both use.
// Owns one protocol::Engine, the value register, the transport and one QTimer armed for the
// engine's next deadline. Turns engine effects into value-type signals (node_types.h).
// Lives in whichever thread it is moved to; the window runs it in its own thread and talks
// to it only through queued signals/slots (invokeMethod), never by pointer into its state.
#pragma once

#include "node_options.h"
#include "node_stats.h"
#include "node_types.h"
#include "timeline_entry.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <memory>

namespace grapevine {

class Node : public QObject {
    Q_OBJECT
public:
    explicit Node(NodeOptions options, QObject *parent = nullptr);
    ~Node() override;

    // Binds sockets and starts the engine. On failure (port in use, bad address, bad key)
    // returns false and *error holds one clear line. With options.findFreePort the next
    // free port is taken instead of failing.
    bool start(QString *error);

    [[nodiscard]] QString name() const;
    [[nodiscard]] QString address() const; // advertised "host:port"
    [[nodiscard]] QList<MemberSnapshot> members() const;
    [[nodiscard]] ValueSnapshot value() const;
    [[nodiscard]] int healthScore() const;
    [[nodiscard]] NodeStats stats() const;   // traffic and engine counters (/v1/stats)
    [[nodiscard]] int maxValueBytes() const; // the documented value size limit
    // The failure-detection steps about `member` (oldest first, bounded: MemberTimelines);
    // about this node itself: its refutations and health changes.
    [[nodiscard]] QList<TimelineEntry> timeline(const QString &member) const;
    // Serf mode (NodeOptions::serf): "serf", else "memberlist".
    [[nodiscard]] bool isSerf() const;
    [[nodiscard]] QString modeName() const;
    [[nodiscard]] QMap<QString, QString> tags() const; // our Serf tags (empty in memberlist mode)
    [[nodiscard]] QStringList keyring() const;         // base64 keys, the primary first

public slots:
    void join(const QString &hostPort); // asynchronous; joinFinished reports
    // Several targets in one join (every one that answers is merged); after a finished
    // leave, a join starts the node afresh and rejoins (leave -> join is a normal path).
    void joinAll(const QStringList &targets);
    // Stops the manual joins in flight: each reports JoinOutcome::Cancelled at once, and an
    // answer that still arrives is not merged. Retries of --join go on.
    void cancelJoin();
    // Applies locally, then pushes. Returns false with *error when over the limit / not UTF-8;
    // emits errorOccurred as well when called through a queued connection.
    bool setValue(const QString &value, QString *error = nullptr);
    void syncNow();
    void leave();             // graceful; leaveFinished when done
    void setTracing(bool on); // packetTraced on/off (off saves CPU)
    // Serf mode: replaces our tags (node metadata). Refused with *error (or errorOccurred)
    // when not in Serf mode or when they do not fit memberlist's 512-byte metadata.
    bool setTags(const QMap<QString, QString> &tags, QString *error = nullptr);

signals:
    void started(const QString &name, const QString &address);
    void memberChanged(grapevine::MemberChange change, const grapevine::MemberSnapshot &member);
    void valueChanged(const grapevine::ValueSnapshot &value);
    void convergenceChanged(const grapevine::ConvergenceReport &report);
    void packetTraced(const grapevine::PacketTrace &trace);
    void healthChanged(int score);
    // One step of failure detection (probe, ack, suspicion, refutation, health…), in order.
    void observed(const grapevine::TimelineEntry &entry);
    void joinFinished(const grapevine::JoinResult &result);
    void leaveFinished();
    // Serf mode: a user event other than the value, a query, an intent, a problem.
    void serfNotice(const grapevine::SerfNoticeInfo &notice);
    // The keyring changed (`serf keys -install/-use/-remove`): base64 keys, primary first.
    void keyringChanged(const QStringList &keys);
    void errorOccurred(const QString &message);
    // A conflict over this node's own name began, changed sides, or ended (active = false).
    void nameConflictChanged(const grapevine::NameConflictReport &report);
    // Informational lines: advertise-address choice, join retries, state file notices.
    void logged(const QString &line);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace grapevine
