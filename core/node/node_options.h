// node_options.h — what a Node is started with (the options grapevine and grapevine-agent
// share; their command-line parsing is app/common/node_command_line.h), and the key checks
// every place a user types keys uses (--key, --key-file, the tap dialog).
#pragma once

#include <QByteArrayList>
#include <QString>
#include <QStringList>

namespace grapevine {

struct NodeOptions {
    QString name; // empty = <namePrefix>-<port>
    // With no name: the part before "-<port>"; empty = the host name. Lets a remembered
    // setting name every window on a machine alike without two ever sharing a name.
    QString namePrefix;
    QString bindHost = QStringLiteral("0.0.0.0");
    quint16 bindPort = 7946;
    QString advertise; // "HOST:PORT" or empty
    QStringList joins; // "HOST:PORT" each
    QString profile = QStringLiteral("lan");
    QByteArrayList keys; // decoded key bytes; first encrypts
    QString label;
    bool plainValues = false;
    QString dataDir; // empty = platform app-data folder
    QString http;    // "HOST:PORT" or empty (off)
    QString logFormat = QStringLiteral("text");
    bool findFreePort = false; // the GUI moves to the next free port
    // Serf mode (core/serf): Serf's delegate versions, tags as metadata, the value as the
    // Serf user event "grapevine-value", Serf's intents and internal queries answered.
    bool serf = false;
    QStringList tags; // "KEY=VALUE" each; Serf mode only
};

// The key checks behind --key and --key-file, for every place a user gives keys (the tap
// dialog too). decodeKey appends one base64 key (16, 24 or 32 bytes); `where` names it in
// the error ("--key: key 2"). readKeyFile reads one key per line ('#' comments); errors
// start with `where` and the path ("--key-file /etc/keys: line 3 is not valid base64").
bool decodeKey(const QString &text, const QString &where, QByteArrayList *keys, QString *error);
bool readKeyFile(const QString &path, const QString &where, QByteArrayList *keys, QString *error);

} // namespace grapevine
