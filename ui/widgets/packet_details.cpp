#include "ui/widgets/packet_details.h"

#include "ui/models/display_format.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace grapevine::ui {

PacketDetails::PacketDetails(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_hex(new QPlainTextEdit(this))
{
    m_tree->setObjectName(QStringLiteral("detailsTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAlternatingRowColors(true);
    m_hex->setObjectName(QStringLiteral("hexDump"));
    m_hex->setReadOnly(true);
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_hex->setPlaceholderText(tr("Select a packet to see its bytes."));

    // Side by side under the packet list (Wireshark's order: list, fields, bytes).
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_hex);
    splitter->setSizes({280, 560});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void PacketDetails::showTrace(const PacketTrace &trace)
{
    m_tree->clear();
    addFrame(trace);
    auto *messages =
        new QTreeWidgetItem(m_tree, {tr("Messages"), QString::number(trace.messages.size())});
    for (const TracedMessage &m : trace.messages)
        addMessage(messages, m);
    m_tree->expandToDepth(2); // message fields; a push/pull's node entries stay folded
    m_hex->setPlainText(hexDump(trace.raw));
}

void PacketDetails::addFrame(const PacketTrace &trace)
{
    auto *frame = new QTreeWidgetItem(m_tree, {tr("Frame"), tr("%1 bytes").arg(trace.raw.size())});
    const QString direction = trace.direction == Direction::Out ? tr("→ sent") : tr("← received");
    new QTreeWidgetItem(frame, {tr("Time"), timeText(trace.timeNs)});
    new QTreeWidgetItem(frame, {tr("Direction"), direction});
    new QTreeWidgetItem(frame, {tr("Channel"), channelText(trace.channel)});
    new QTreeWidgetItem(frame, {tr("Peer"), peerText(trace)});
    const QString layers =
        trace.layers.isEmpty() ? tr("(plain)") : trace.layers.join(QStringLiteral(" › "));
    new QTreeWidgetItem(frame, {tr("Layers"), layers});
    if (!trace.error.isEmpty()) {
        auto *error = new QTreeWidgetItem(frame, {tr("Error"), trace.error});
        error->setForeground(1, stateColor(MemberState::Dead));
    }
}

void PacketDetails::addMessage(QTreeWidgetItem *parent, const TracedMessage &message)
{
    auto *item = new QTreeWidgetItem(parent, {typeLabel(message), message.summary});
    item->setToolTip(1, message.summary);
    if (!message.fields.isEmpty()) {
        addFields(item, message.fields);
        return;
    }
    // Summaries are "key=value key=value …"; show each field on its own line.
    const QStringList tokens = message.summary.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const qsizetype eq = token.indexOf(QLatin1Char('='));
        if (eq > 0)
            new QTreeWidgetItem(item, {token.left(eq), token.mid(eq + 1)});
    }
}

// Depth 0 hangs under the message, depth n under the nearest line of depth n-1 above it.
void PacketDetails::addFields(QTreeWidgetItem *message, const QList<TracedField> &fields)
{
    QList<QTreeWidgetItem *> parents{message};
    for (const TracedField &field : fields) {
        const int depth = qBound(0, field.depth, int(parents.size()) - 1);
        auto *item = new QTreeWidgetItem(parents.at(depth), {field.name, field.value});
        item->setToolTip(1, field.value); // long and multi-line values read in full here
        parents.resize(depth + 1);
        parents.append(item);
    }
}

void PacketDetails::clear()
{
    m_tree->clear();
    m_hex->clear();
}

} // namespace grapevine::ui
