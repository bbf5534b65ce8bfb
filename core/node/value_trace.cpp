#include "value_trace.h"

#include "core/value/envelope.h"

namespace grapevine {

namespace {

constexpr qsizetype kSummaryChars = 60; // the log's Types column shows one line

QString quoted(const std::string &value)
{
    QString text = QString::fromStdString(value);
    text.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    if (text.size() > kSummaryChars)
        text = text.left(kSummaryChars) + QStringLiteral("…");
    return QLatin1Char('"') + text + QLatin1Char('"');
}

void addEntry(const value::Entry &entry, int depth, TracedMessage *m)
{
    m->fields.append({depth, QStringLiteral("value"), QString::fromStdString(entry.value)});
    m->fields.append(
        {depth + 1, QStringLiteral("lamport"), QString::number(entry.version.lamport)});
    m->fields.append(
        {depth + 1, QStringLiteral("origin"), QString::fromStdString(entry.version.origin)});
    m->fields.append({depth + 1, QStringLiteral("bytes"), QString::number(entry.value.size())});
}

// Said rather than left out, so nobody looks for it: Grapevine's value envelope (format 1,
// docs/protocol.md) has no hop count, and this packet's peer is only the last relay.
void addNoHops(int depth, TracedMessage *m)
{
    m->fields.append({depth + 1, QStringLiteral("hops"),
                      QStringLiteral("not carried (the envelope has no hop count; the origin "
                                     "set it, the peer is the last relay)")});
}

QString entrySummary(const value::Entry &entry)
{
    return QStringLiteral("value=%1 lamport=%2 origin=%3")
        .arg(quoted(entry.value), QString::number(entry.version.lamport),
             QString::fromStdString(entry.version.origin));
}

wire::ByteView viewOf(const QByteArray &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())};
}

void describeUser(TracedMessage *m)
{
    const value::UserPayload payload = value::decodeUserPayload(viewOf(m->payload), 0);
    if (const auto *entry = std::get_if<value::Entry>(&payload)) {
        addEntry(*entry, 0, m);
        addNoHops(0, m);
        m->summary = entrySummary(*entry);
    } else if (const auto *plain = std::get_if<value::PlainValue>(&payload)) {
        m->fields.append({0, QStringLiteral("plain value"), QString::fromStdString(plain->text)});
        m->summary = QStringLiteral("plain value=%1").arg(quoted(plain->text));
    } else if (const auto *held = std::get_if<value::HeldNotice>(&payload)) {
        m->fields.append({0, QStringLiteral("holds"), QString()});
        m->fields.append({1, QStringLiteral("lamport"), QString::number(held->version.lamport)});
        m->fields.append(
            {1, QStringLiteral("origin"), QString::fromStdString(held->version.origin)});
        m->summary = QStringLiteral("holds lamport=%1 origin=%2")
                         .arg(held->version.lamport)
                         .arg(QString::fromStdString(held->version.origin));
    } else if (const auto *error = std::get_if<wire::Error>(&payload)) {
        m->fields.append(
            {0, QStringLiteral("not a value"), QString::fromStdString(error->message)});
    }
}

void describeState(TracedMessage *m)
{
    const auto state = value::decodeState(viewOf(m->payload), 0);
    if (!state.ok() || !state.value())
        return;
    addEntry(*state.value(), 0, m);
    m->summary += QStringLiteral(" ") + entrySummary(*state.value());
}

} // namespace

void describeValues(PacketTrace *trace)
{
    for (TracedMessage &m : trace->messages) {
        if (m.type == wire::MessageType::User)
            describeUser(&m);
        else if (m.type == wire::MessageType::PushPull && !m.payload.isEmpty())
            describeState(&m);
    }
}

} // namespace grapevine
