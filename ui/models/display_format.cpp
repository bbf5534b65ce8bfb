#include "ui/models/display_format.h"

#include <QCoreApplication>
#include <QDateTime>

namespace grapevine::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("grapevine::ui", text);
}
} // namespace

QString stateText(MemberState state)
{
    switch (state) {
    case MemberState::Alive:
        return tr("alive");
    case MemberState::Suspect:
        return tr("suspect");
    case MemberState::Dead:
        return tr("dead");
    case MemberState::Left:
        return tr("left");
    }
    return {};
}

QColor stateColor(MemberState state)
{
    switch (state) {
    case MemberState::Alive:
        return QColor(0x2e, 0x9d, 0x4f);
    case MemberState::Suspect:
        return QColor(0xe0, 0x9b, 0x14);
    case MemberState::Dead:
        return QColor(0xd0, 0x3b, 0x3b);
    case MemberState::Left:
        return QColor(0x8a, 0x8f, 0x98);
    }
    return {};
}

QString versionText(const ValueVersion &version)
{
    if (version.isNull())
        return QStringLiteral("—");
    return QStringLiteral("%1@%2").arg(version.lamport).arg(version.origin);
}

QString durationText(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms / 1000);
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString elapsedText(qint64 us)
{
    if (us < 1000)
        return tr("%1 µs").arg(qMax<qint64>(0, us));
    if (us < 10'000)
        return tr("%1 ms").arg(double(us) / 1000.0, 0, 'f', 1);
    if (us < 1'000'000)
        return tr("%1 ms").arg(us / 1000);
    return tr("%1 s").arg(double(us) / 1e6, 0, 'f', 1);
}

QString directionText(Direction direction)
{
    return direction == Direction::Out ? QStringLiteral("→") : QStringLiteral("←");
}

QString channelText(TraceChannel channel)
{
    return channel == TraceChannel::Udp ? QStringLiteral("UDP") : QStringLiteral("TCP");
}

QString peerText(const PacketTrace &trace)
{
    if (trace.peerName.isEmpty() && !trace.peerCandidates.isEmpty())
        return tr("%1 (one of %2)")
            .arg(trace.peer, trace.peerCandidates.join(QStringLiteral(", ")));
    if (trace.peerName.isEmpty())
        return trace.peer;
    return QStringLiteral("%1 (%2)").arg(trace.peerName, trace.peer);
}

QString typesText(const PacketTrace &trace)
{
    if (!trace.error.isEmpty())
        return tr("malformed: %1").arg(trace.error);
    QStringList types;
    types.reserve(trace.messages.size());
    for (const TracedMessage &m : trace.messages)
        types << typeLabel(m);
    if (types.size() == 1 && !trace.layers.contains(QStringLiteral("compound")))
        return types.front();
    return QStringLiteral("compound[%1]").arg(types.join(QStringLiteral(", ")));
}

QString timeText(qint64 timeNs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000);
    return t.toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 5);
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        QString hex;
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                const auto b = static_cast<unsigned char>(bytes.at(i));
                hex += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar('.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == line + 7)
                hex += QLatin1Char(' ');
        }
        out += QStringLiteral("%1  %2 %3\n").arg(line, 4, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return out;
}

} // namespace grapevine::ui
