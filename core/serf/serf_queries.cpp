// SerfDelegate: queries (de-duplication, filters, acks), the internal queries a Serf member
// answers (_serf_ping, _serf_conflict, the four key queries), responses and relays.
#include "base64.h"
#include "core/protocol/engine.h"
#include "serf_delegate.h"

#include <algorithm>
#include <regex>

namespace grapevine::serf {

namespace {

constexpr std::string_view kInternalPrefix = "_serf_";

} // namespace

// Serf's handleQuery: returns whether to re-broadcast (first sight, no NoBroadcast flag).
bool SerfDelegate::onQuery(const Query &query)
{
    m_queryClock.witness(query.ltime);
    const LamportTime now = m_queryClock.time();
    if (now > kQueryBufferSize && query.ltime < now - kQueryBufferSize)
        return false;
    std::vector<std::uint32_t> &seen = m_queries[query.ltime];
    if (std::find(seen.begin(), seen.end(), query.id) != seen.end())
        return false;
    seen.push_back(query.id);
    while (m_queries.size() > kQueryBufferSize)
        m_queries.erase(m_queries.begin());
    const bool rebroadcast = (query.flags & kQueryFlagNoBroadcast) == 0;
    if (!passesFilters(query))
        return rebroadcast;
    if (query.flags & kQueryFlagAck)
        respond(query, {}, kQueryFlagAck);
    if (std::string_view(query.name).starts_with(kInternalPrefix))
        answerInternalQuery(query);
    else
        notice(SerfNotice::Kind::Query, query.name, query.payload, query.ltime,
               "serf query " + query.name + " from " + query.sourceNode + " (not answered)");
    return rebroadcast;
}

bool SerfDelegate::passesFilters(const Query &query) const
{
    for (const wire::Bytes &raw : query.filters) {
        wire::Result<Filter> filter = decodeFilter(raw);
        if (!filter)
            return false; // Serf drops a query whose filter it cannot read
        if (const auto *nodes = std::get_if<NodeFilter>(&*filter)) {
            if (std::find(nodes->nodes.begin(), nodes->nodes.end(), m_self) == nodes->nodes.end())
                return false;
        } else {
            const auto &tag = std::get<TagFilter>(*filter);
            const auto it = m_tags.find(tag.tag);
            try {
                // Go's regexp.MatchString finds a match anywhere (RE2 syntax; ECMAScript is
                // close enough for the anchors and classes tag filters use).
                if (!std::regex_search(it == m_tags.end() ? std::string() : it->second,
                                       std::regex(tag.expr)))
                    return false;
            } catch (const std::regex_error &) {
                return false;
            }
        }
    }
    return true;
}

void SerfDelegate::answerInternalQuery(const Query &query)
{
    const std::string op = query.name.substr(kInternalPrefix.size());
    if (op == "ping")
        return; // the ack (requested by `serf reachability`) is the whole answer
    if (op == "conflict") {
        answerConflict(query);
        return;
    }
    if (op == "install-key" || op == "use-key" || op == "remove-key") {
        respond(query, encodeKeyResponse(keyOperation(op, query.payload)));
        return;
    }
    if (op == "list-keys") {
        respond(query, encodeKeyResponse(listKeys()));
        return;
    }
    notice(SerfNotice::Kind::Query, query.name, query.payload, query.ltime,
           "unhandled internal Serf query " + query.name);
}

KeyResponse SerfDelegate::keyOperation(const std::string &op, wire::ByteView payload)
{
    KeyResponse response;
    wire::Result<KeyRequest> request = decodeKeyRequest(payload);
    if (!request) {
        response.message = request.error().message;
        return response;
    }
    if (!m_keyring || m_keyring->empty()) {
        response.message = "No keyring to modify (encryption not enabled)";
        return response;
    }
    const wire::Bytes &key = request->key;
    std::string refused;
    if (op == "install-key")
        refused = m_keyring->addKey(key);
    else if (op == "use-key")
        refused = m_keyring->useKey(key);
    else
        refused = m_keyring->removeKey(key);
    response.result = refused.empty();
    response.message = refused;
    notice(SerfNotice::Kind::KeyringChanged, op, {}, 0,
           refused.empty() ? "keyring: " + op + " " + toBase64(key).substr(0, 6) + "…"
                           : "keyring: " + op + " refused: " + refused);
    return response;
}

KeyResponse SerfDelegate::listKeys() const
{
    KeyResponse response;
    if (!m_keyring || m_keyring->empty()) {
        response.message = "Keyring is empty (encryption not enabled)";
        return response;
    }
    for (const wire::Bytes &key : m_keyring->keys())
        response.keys.push_back(toBase64(key));
    response.primaryKey = toBase64(m_keyring->primaryKey());
    response.result = true;
    return response;
}

void SerfDelegate::answerConflict(const Query &query)
{
    const std::string name(query.payload.begin(), query.payload.end());
    if (name == m_self || !m_engine)
        return; // Serf: a node never answers about itself
    const std::optional<protocol::MemberInfo> member = m_engine->member(name);
    if (!member) {
        respond(query, encodeConflictResponse(nullptr));
        return;
    }
    ConflictMember out;
    out.name = member->name;
    out.addr = member->address.ip;
    out.port = member->address.port;
    if (auto tags = decodeTags(member->meta); tags && tags->ok())
        out.tags = tags->value();
    out.status = member->state == wire::NodeState::Left   ? 3
                 : member->state == wire::NodeState::Dead ? 4
                                                          : 1;
    for (std::size_t i = 0; i < 6 && i < member->vsn.size(); ++i)
        out.vsn[i] = member->vsn[i];
    respond(query, encodeConflictResponse(&out));
}

// Straight to the asker (Serf: SendToAddress, best-effort UDP). Relaying through other
// members (RelayFactor) is not done: the direct answer is what Serf counts.
void SerfDelegate::respond(const Query &query, wire::Bytes payload, std::uint32_t flags)
{
    const QueryResponse response{query.ltime, query.id, m_self, flags, std::move(payload)};
    wire::Bytes bytes = encodeMessage(response);
    if (bytes.size() > kQueryResponseSizeLimit) {
        notice(SerfNotice::Kind::Problem, query.name, {}, query.ltime,
               "response to " + query.name + " exceeds Serf's 1024-byte limit; not sent");
        return;
    }
    m_out.push_back({Out::Kind::SendTo, query.sourceNode, std::move(bytes)});
}

void SerfDelegate::onQueryResponse(const QueryResponse &response)
{
    // We send no queries of our own, so a response is only worth a line in the log.
    notice(SerfNotice::Kind::Query, response.from, response.payload, response.ltime,
           "serf query response from " + response.from + " (no query of ours is running)");
}

void SerfDelegate::onRelay(const Relay &relay)
{
    // Another member asks us to forward a query response to the asker (RelayFactor > 0).
    m_out.push_back({Out::Kind::SendTo, relay.destName, relay.inner});
}

} // namespace grapevine::serf
