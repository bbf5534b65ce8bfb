// join_resolver.h — turns "host:port" join targets into endpoints, resolving names
// asynchronously (QHostInfo) so a join never blocks the event loop. Every IP a name resolves
// to becomes its own seed, as memberlist's Join does.
// Never: joins; it only resolves and reports once per request.
#pragma once

#include "core/wire/endpoint.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace grapevine {

class JoinResolver : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(std::vector<wire::Endpoint> seeds, QStringList errors)>;

    explicit JoinResolver(QObject *parent = nullptr);
    // Resolves every target; `done` runs once from the event loop with all endpoints found
    // and one error line per target that could not be used.
    void resolve(const QStringList &targets, quint16 defaultPort, Done done);

    // "host:port" / "[v6]:port" / "host" -> host and port; false on bad syntax.
    static bool splitHostPort(const QString &text, quint16 defaultPort, QString *host,
                              quint16 *port);
};

} // namespace grapevine
