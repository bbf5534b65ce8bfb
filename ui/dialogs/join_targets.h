// join_targets.h — what a person types or pastes into "Join a cluster", turned into join
// targets: "127.0.0.1:7946", "[::1]:7946", a bare host or IP (the default port), a host
// name, or several of these separated by commas, semicolons, spaces or new lines.
// Never: resolves names (the Node does, asynchronously).
#pragma once

#include <QString>
#include <QStringList>

namespace grapevine::ui {

struct JoinTargets {
    QStringList targets; // "host:port" / "[v6]:port", in the order typed, no duplicates
    QString error;       // why the text cannot be used; empty when targets is usable
    [[nodiscard]] bool ok() const { return error.isEmpty() && !targets.isEmpty(); }
};

// defaultPort is the port field's text, used only for entries that name no port.
[[nodiscard]] JoinTargets parseJoinTargets(const QString &text, const QString &defaultPort);
// One "host[:port]" entry split into host and port text ("" when none); false on bad syntax.
[[nodiscard]] bool splitJoinTarget(const QString &entry, QString *host, QString *port);

} // namespace grapevine::ui
