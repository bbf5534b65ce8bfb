#include "serf_trace.h"

#include "core/serf/serf_describe.h"

namespace grapevine {

namespace {

wire::ByteView viewOf(const QByteArray &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())};
}

// "LTime=1 Name=x" → one details line per field, at `depth`.
void addSummaryFields(const std::string &summary, int depth, TracedMessage *m)
{
    const QStringList tokens =
        QString::fromStdString(summary).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const qsizetype eq = token.indexOf(QLatin1Char('='));
        if (eq > 0)
            m->fields.append({depth, token.left(eq), token.mid(eq + 1)});
    }
}

void describeUser(TracedMessage *m)
{
    if (auto serf = serf::describeUserMessage(viewOf(m->payload))) {
        m->innerType = QString::fromStdString(serf->type);
        m->summary = QString::fromStdString(serf->summary);
    }
}

void describeAck(TracedMessage *m)
{
    if (auto coordinate = serf::describeAckPayload(viewOf(m->payload)))
        m->summary += QLatin1Char(' ') + QString::fromStdString(*coordinate);
}

// The push/pull's fields end with "user state: N bytes"; Serf's state goes beneath it.
void describeState(TracedMessage *m)
{
    const auto serf = serf::describeUserMessage(viewOf(m->payload));
    if (!serf)
        return;
    m->fields.append({1, QStringLiteral("Serf"), QString::fromStdString(serf->type)});
    addSummaryFields(serf->summary, 2, m);
    m->summary += QStringLiteral(" UserState=") + QString::fromStdString(serf->type);
}

} // namespace

void describeSerf(PacketTrace *trace)
{
    for (TracedMessage &m : trace->messages) {
        if (m.payload.isEmpty())
            continue;
        switch (m.type) {
        case wire::MessageType::User:
            describeUser(&m);
            break;
        case wire::MessageType::Ack:
            describeAck(&m);
            break;
        case wire::MessageType::PushPull:
            describeState(&m);
            break;
        default:
            break; // nothing of Serf's inside
        }
    }
}

} // namespace grapevine
