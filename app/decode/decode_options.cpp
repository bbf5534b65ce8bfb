#include "decode_options.h"

#include "core/node/node_options.h"

#include <QCommandLineParser>

namespace grapevine::decode {

namespace {

// The keys of --key and --key-file, checked as the node's own options check them (one
// decoder for every program and the tap dialog), then given to the decoder's keyring.
bool readKeys(const QStringList &texts, const QStringList &files, wire::Keyring &keyring,
              QString *error)
{
    QByteArrayList keys;
    for (qsizetype i = 0; i < texts.size(); ++i)
        if (!decodeKey(texts[i], QStringLiteral("--key: key %1").arg(i + 1), &keys, error))
            return false;
    for (const QString &path : files)
        if (!readKeyFile(path, QStringLiteral("--key-file"), &keys, error))
            return false;
    for (const QByteArray &key : keys) // sizes already checked: addKey cannot refuse them
        (void)keyring.addKey(wire::ByteView(reinterpret_cast<const std::uint8_t *>(key.data()),
                                            std::size_t(key.size())));
    return true;
}

bool readPorts(const QStringList &values, std::set<std::uint16_t> &ports, QString *error)
{
    for (const QString &value : values) {
        bool ok = false;
        const uint port = value.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            *error = QStringLiteral("--port: \"%1\" is not a port number (1..65535)").arg(value);
            return false;
        }
        ports.insert(static_cast<std::uint16_t>(port));
    }
    return true;
}

} // namespace

QString decodeUsage()
{
    return QStringLiteral(
        "usage: grapevine-decode FILE|--tap IFACE [--key BASE64]... [--key-file FILE]... "
        "[--port N]... [--any-port] [--export OUT.pcapng [--decrypted]]\n"
        "Decodes a pcap or pcapng capture of memberlist/Grapevine gossip: one JSON object per\n"
        "message on stdout, then one with the members the capture shows.\n"
        "  --tap IFACE      capture IFACE live instead (passive: sends nothing) until Ctrl+C;\n"
        "                   needs root or cap_net_raw,cap_net_admin\n"
        "  --key BASE64     AES key (16/24/32 bytes); repeatable, every key is tried\n"
        "  --key-file FILE  one base64 key per line ('#' comments)\n"
        "  --port N         gossip port (UDP and TCP); repeatable; default 7946\n"
        "  --any-port       decode every UDP and TCP packet, whatever its port\n"
        "  --export FILE    also write every UDP/TCP record as pcapng (real IP framing, the\n"
        "                   capture's timestamps) for Wireshark\n"
        "  --decrypted      with --export: write encrypted packets as decrypted, each marked\n"
        "                   with the packet comment \"grapevine: decrypted\"\n"
        "Exit status: 0 decoded, 1 bad usage or unreadable file, 2 the capture is damaged\n"
        "(everything before the damage is still printed).\n");
}

bool parseDecodeCommand(const QStringList &arguments, DecodeCommand *command, QString *error)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({{QStringLiteral("key"), QString(), QStringLiteral("base64")},
                       {QStringLiteral("key-file"), QString(), QStringLiteral("file")},
                       {QStringLiteral("port"), QString(), QStringLiteral("port")},
                       {QStringLiteral("any-port"), QString()},
                       {QStringLiteral("export"), QString(), QStringLiteral("file")},
                       {QStringLiteral("decrypted"), QString()},
                       {QStringLiteral("tap"), QString(), QStringLiteral("interface")},
                       {{QStringLiteral("h"), QStringLiteral("help")}, QString()}});
    parser.addPositionalArgument(QStringLiteral("file"), QString());
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        command->showHelp = true;
        return true;
    }
    const QStringList files = parser.positionalArguments();
    command->interface = parser.value(QStringLiteral("tap"));
    const qsizetype sources = files.size() + (command->interface.isEmpty() ? 0 : 1);
    if (sources != 1) {
        *error = sources == 0 ? QStringLiteral("no capture file (or --tap IFACE) given")
                              : QStringLiteral("one capture file or one --tap at a time");
        return false;
    }
    command->file = files.value(0);
    command->exportPath = parser.value(QStringLiteral("export"));
    command->exportDecrypted = parser.isSet(QStringLiteral("decrypted"));
    if (command->exportDecrypted && command->exportPath.isEmpty()) {
        *error = QStringLiteral("--decrypted needs --export FILE");
        return false;
    }
    if (!readKeys(parser.values(QStringLiteral("key")), parser.values(QStringLiteral("key-file")),
                  command->decode.keyring, error))
        return false;
    if (!readPorts(parser.values(QStringLiteral("port")), command->decode.ports, error))
        return false;
    if (parser.isSet(QStringLiteral("any-port"))) {
        if (!command->decode.ports.empty()) {
            *error = QStringLiteral("--any-port and --port exclude each other");
            return false;
        }
    } else if (command->decode.ports.empty()) {
        command->decode.ports.insert(7946); // memberlist's default gossip port
    }
    return true;
}

} // namespace grapevine::decode
