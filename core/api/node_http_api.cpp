// node_http_api.cpp — see the header.
#include "node_http_api.h"

#include "core/api/node_event_log.h"
#include "core/api/snapshot_json.h"
#include "core/api/stats_json.h"
#include "core/api/timeline_json.h"

#include <QJsonArray>
#include <QStringDecoder>

namespace grapevine::api {

namespace {

http::HttpResponse methodNotAllowed(const QByteArray &allow)
{
    http::HttpResponse response = http::HttpResponse::error(
        405, QStringLiteral("method not allowed; use %1").arg(QString::fromLatin1(allow)));
    response.headers.append({"Allow", allow});
    return response;
}

} // namespace

NodeHttpApi::NodeHttpApi(Node *node, QObject *parent)
    : QObject(parent)
    , m_node(node)
{
    connect(node, &Node::convergenceChanged, this,
            [this](const ConvergenceReport &report) { m_convergence = report; });
}

bool NodeHttpApi::listen(const QString &hostPort, QString *error, const http::HttpLimits &limits)
{
    delete m_server;
    m_server = new http::HttpServer([this](const http::HttpRequest &r) { return handle(r); }, this);
    m_server->setLimits(limits);
    return m_server->listen(hostPort, error);
}

QString NodeHttpApi::address() const
{
    return m_server ? m_server->address() : QString();
}

http::HttpResponse NodeHttpApi::handle(const http::HttpRequest &request)
{
    const QByteArray &path = request.path;
    if (path == "/")
        return onRoot(request);
    if (path == "/v1/value")
        return onValue(request);
    if (path == "/v1/members")
        return request.method == "GET" ? onMembers() : methodNotAllowed("GET");
    if (path.startsWith("/v1/members/"))
        return onMemberPath(request);
    if (path == "/v1/stats")
        return request.method == "GET" ? onStats() : methodNotAllowed("GET");
    if (path == "/v1/leave")
        return request.method == "POST" ? onLeave() : methodNotAllowed("POST");
    return http::HttpResponse::error(
        404, QStringLiteral("no such endpoint: %1").arg(QString::fromUtf8(path.left(200))));
}

http::HttpResponse NodeHttpApi::onRoot(const http::HttpRequest &request)
{
    if (request.method != "GET")
        return methodNotAllowed("GET");
    if (const auto value = request.queryValue("set"))
        return setValue(*value, true);
    return http::HttpResponse::text(200,
                                    QStringLiteral("last value: %1\n").arg(m_node->value().value));
}

http::HttpResponse NodeHttpApi::onValue(const http::HttpRequest &request)
{
    if (request.method == "GET")
        return http::HttpResponse::json(200, QJsonDocument(valueJson()));
    if (request.method != "PUT")
        return methodNotAllowed("GET, PUT");
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString value = decoder(request.body);
    if (decoder.hasError())
        return http::HttpResponse::error(400, QStringLiteral("the value must be UTF-8 text"));
    return setValue(value, false);
}

http::HttpResponse NodeHttpApi::setValue(const QString &value, bool classic)
{
    QString error;
    if (!m_node->setValue(value, &error)) {
        const bool tooLarge = value.toUtf8().size() > m_node->maxValueBytes();
        return http::HttpResponse::error(tooLarge ? 413 : 400, error);
    }
    if (classic)
        return http::HttpResponse::text(200, QStringLiteral("SET last value: %1\n").arg(value));
    return http::HttpResponse::json(200, QJsonDocument(valueJson()));
}

QJsonObject NodeHttpApi::valueJson() const
{
    const ValueSnapshot value = m_node->value();
    QJsonObject json = valueToJson(value);
    // Only the report about the version held now says anything about this value.
    const bool current = m_convergence && m_convergence->version == value.version;
    json.insert(QStringLiteral("converged"),
                current ? QJsonValue(convergenceToJson(*m_convergence)) : QJsonValue());
    return json;
}

http::HttpResponse NodeHttpApi::onMembers()
{
    QJsonArray members;
    for (const MemberSnapshot &member : m_node->members())
        members.append(memberToJson(member));
    return http::HttpResponse::json(200, QJsonDocument(members));
}

http::HttpResponse NodeHttpApi::onMemberPath(const http::HttpRequest &request)
{
    const QByteArray rest = request.path.mid(int(qstrlen("/v1/members/")));
    const qsizetype slash = rest.lastIndexOf('/');
    if (slash <= 0 || rest.mid(slash + 1) != "timeline")
        return http::HttpResponse::error(
            404, QStringLiteral("no such endpoint: %1; use /v1/members/NAME/timeline")
                     .arg(QString::fromUtf8(request.path.left(200))));
    if (request.method != "GET")
        return methodNotAllowed("GET");
    return onTimeline(QString::fromUtf8(QByteArray::fromPercentEncoding(rest.left(slash))));
}

http::HttpResponse NodeHttpApi::onTimeline(const QString &member)
{
    QJsonValue state; // null: no longer in the member list (reaped), history only
    for (const MemberSnapshot &snapshot : m_node->members())
        if (snapshot.name == member)
            state = memberStateName(snapshot.state);
    const QList<TimelineEntry> entries = m_node->timeline(member);
    if (state.isNull() && entries.isEmpty())
        return http::HttpResponse::error(
            404, QStringLiteral("no such member: %1").arg(member.left(200)));
    return http::HttpResponse::json(200, QJsonDocument(QJsonObject{
                                             {QStringLiteral("member"), member},
                                             {QStringLiteral("state"), state},
                                             {QStringLiteral("entries"), timelineToJson(entries)},
                                         }));
}

http::HttpResponse NodeHttpApi::onStats()
{
    QJsonObject stats = statsToJson(m_node->stats());
    if (!stats.contains(QStringLiteral("health")))
        stats.insert(QStringLiteral("health"), m_node->healthScore());
    if (m_server)
        stats.insert(QStringLiteral("http_connections"), m_server->connectionCount());
    if (m_eventLog)
        stats.insert(QStringLiteral("events"),
                     QJsonObject{{QStringLiteral("written"), qint64(m_eventLog->written())},
                                 {QStringLiteral("dropped"), qint64(m_eventLog->dropped())}});
    return http::HttpResponse::json(200, QJsonDocument(stats));
}

http::HttpResponse NodeHttpApi::onLeave()
{
    if (!m_leaving) {
        m_leaving = true;
        // Queued: the response is written before the node starts leaving.
        QMetaObject::invokeMethod(m_node, &Node::leave, Qt::QueuedConnection);
        emit leaveRequested();
    }
    return http::HttpResponse::json(
        202, QJsonDocument(QJsonObject{{QStringLiteral("leaving"), true},
                                       {QStringLiteral("node"), m_node->name()}}));
}

} // namespace grapevine::api
