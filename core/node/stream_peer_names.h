// stream_peer_names.h — names for the rows of inbound TCP streams in the packet log. Such a
// stream comes from an ephemeral port that no member advertises, so the address alone names
// nobody. memberlist reads exactly one request per inbound stream, and the transport gives
// each incoming frame the hints it carries about its sender (PacketTrace::senderHints); this
// keeps them per stream endpoint so the stream's replies are named too.
// Never guesses: one possible sender (this node left out) names the row; several are listed
// as candidates; no hints name nobody.
#pragma once

#include "node_types.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <deque>

namespace grapevine {

class StreamPeerNames {
public:
    static constexpr int kMaxStreams = 256; // endpoints remembered; the oldest goes first

    void setSelf(const QString &name) { m_self = name; }
    // For a TCP trace whose peer is no member's address: sets peerName, or peerCandidates
    // when the sender's frame left several members possible.
    void resolve(PacketTrace *trace);

private:
    void remember(const QString &endpoint, const QStringList &names);

    QString m_self;
    QHash<QString, QStringList> m_byEndpoint;
    std::deque<QString> m_order;
};

} // namespace grapevine
