// Fuzzes the node options shared by grapevine-agent and the window
// (app/common/node_command_line.h): addresses (--bind, --advertise, --http), join targets (--join)
// and key files (--key-file). The input's first part (up to the first 0xFF byte) becomes a key
// file's contents; the rest, split at NUL bytes, is the argument list. Whatever is given: no crash,
// and either valid options (keys of AES sizes, ports in range, every join target HOST:PORT) or one
// clear line of error that never repeats a key file's line.
#include "app/common/node_command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cstdlib>

using namespace grapevine;

namespace {

// A key file line that could be a key (base64, 16 characters or more): never echoed.
const QRegularExpression kKeyLike(QStringLiteral("^[A-Za-z0-9+/=]{16,}$"));

void check(bool holds)
{
    if (!holds)
        std::abort();
}

QString keyFilePath()
{
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("keys"));
}

QStringList argumentsOf(QByteArrayView bytes)
{
    QStringList arguments{QStringLiteral("grapevine-agent")};
    for (const QByteArray &part : bytes.toByteArray().split('\0'))
        arguments << QString::fromUtf8(part);
    arguments << QStringLiteral("--key-file") << keyFilePath();
    return arguments;
}

void checkOptions(const NodeOptions &options)
{
    for (const QByteArray &key : options.keys)
        check(key.size() == 16 || key.size() == 24 || key.size() == 32);
    for (const QString &join : options.joins) {
        const qsizetype colon = join.lastIndexOf(QLatin1Char(':'));
        check(colon > 0);
        bool number = false;
        const uint port = join.mid(colon + 1).toUInt(&number);
        check(number && port >= 1 && port <= 65535);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    const qsizetype split = input.indexOf('\xff');
    const QByteArrayView keyFile = split < 0 ? QByteArrayView() : input.first(split);
    {
        QFile file(keyFilePath());
        check(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(keyFile.data(), keyFile.size());
    }
    QCommandLineParser parser;
    addNodeOptions(parser);
    const QByteArrayView argumentBytes = split < 0 ? input : input.sliced(split + 1);
    if (!parser.parse(argumentsOf(argumentBytes)))
        return 0; // Qt's own "unknown option" and "missing value" errors
    NodeOptions options;
    QString error;
    if (readNodeOptions(parser, &options, &error)) {
        checkOptions(options);
        return 0;
    }
    // One line, unless it quotes an argument that itself holds a newline.
    check(!error.isEmpty() && (!error.contains(QLatin1Char('\n')) || argumentBytes.contains('\n')));
    for (const QByteArray &line : keyFile.toByteArray().split('\n')) {
        const QString trimmed = QString::fromLatin1(line.trimmed());
        const bool echoedArgument = argumentBytes.toByteArray().contains(trimmed.toLatin1());
        check(!kKeyLike.match(trimmed).hasMatch() || echoedArgument || !error.contains(trimmed));
    }
    return 0;
}
