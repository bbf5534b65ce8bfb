#include "ui/models/gossip_log_model.h"

#include "ui/models/trace_json.h"

#include "ui/models/display_format.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace grapevine::ui {

GossipLogModel::GossipLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &GossipLogModel::flush);
    m_tick.start();
}

int GossipLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int GossipLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QList<wire::MessageType> GossipLogModel::typesAt(const QModelIndex &index)
{
    return index.data(TypesRole).value<QList<wire::MessageType>>();
}

const PacketTrace &GossipLogModel::traceAt(int row) const
{
    return m_ring.at(size_t(slotOf(row)));
}

QVariant GossipLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PacketTrace &t = traceAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(t, Column(index.column()));
    case TypesRole: {
        QList<wire::MessageType> types;
        for (const TracedMessage &m : t.messages)
            types << m.type;
        if (t.layers.contains(QLatin1String("compound")))
            types << wire::MessageType::Compound; // so the type filter can pick compounds
        return QVariant::fromValue(types);
    }
    case PeerRole:
        return peerText(t);
    case CopyRole:
        return index.column() == int(Column::Peer) ? QVariant(peerText(t))
                                                   : displayData(t, Column(index.column()));
    case Qt::ToolTipRole:
        return index.column() == int(Column::Peer) ? QVariant(peerText(t)) : QVariant();
    case SearchRole:
        return searchText(t);
    case Qt::ForegroundRole:
        if (!t.error.isEmpty())
            return stateColor(MemberState::Dead);
        if (index.column() == int(Column::Direction))
            return t.direction == Direction::Out ? QColor(0x2b, 0x6c, 0xc4)
                                                 : QColor(0x2e, 0x9d, 0x4f);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == int(Column::Size))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == int(Column::Direction))
            return int(Qt::AlignCenter);
        return {};
    default:
        return {};
    }
}

QVariant GossipLogModel::displayData(const PacketTrace &t, Column column) const
{
    switch (column) {
    case Column::Time:
        return timeText(t.timeNs);
    case Column::Direction:
        return directionText(t.direction);
    case Column::Peer:
        if (t.peerName.isEmpty() && !t.peerCandidates.isEmpty())
            return tr("one of %1").arg(t.peerCandidates.join(QStringLiteral(", ")));
        return t.peerName.isEmpty() ? t.peer : t.peerName;
    case Column::Channel:
        return channelText(t.channel);
    case Column::Types:
        return typesWithValue(t);
    case Column::Size:
        return int(t.raw.size());
    case Column::Count:
        break;
    }
    return {};
}

// A lone decoded value message also shows what it carries: "user · value="blue" lamport=7 …".
QString GossipLogModel::typesWithValue(const PacketTrace &t)
{
    const QString types = typesText(t);
    if (t.messages.size() != 1 || t.messages.front().fields.isEmpty() || !t.error.isEmpty())
        return types;
    return types + QStringLiteral(" · ") + t.messages.front().summary;
}

QString GossipLogModel::searchText(const PacketTrace &t)
{
    QString text = peerText(t) + QLatin1Char(' ') + typesText(t);
    for (const TracedMessage &m : t.messages)
        text += QLatin1Char(' ') + m.summary;
    return text;
}

QVariant GossipLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return headerToolTip(Column(section));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Direction:
        return tr("Dir");
    case Column::Peer:
        return tr("Peer");
    case Column::Channel:
        return tr("Channel");
    case Column::Types:
        return tr("Messages");
    case Column::Size:
        return tr("Size");
    case Column::Count:
        break;
    }
    return {};
}

QString GossipLogModel::headerToolTip(Column column)
{
    switch (column) {
    case Column::Time:
        return tr("When this node sent or received the packet (local clock)");
    case Column::Direction:
        return tr("→ sent by this node, ← received");
    case Column::Peer:
        return tr("The other end: a member's name when known, else its address. An incoming "
                  "TCP stream comes from a temporary port; it is named from what the stream "
                  "says about its sender, or shows the members it may be");
    case Column::Channel:
        return tr("UDP (probes, gossip, the value) or TCP (push/pull state sync, fallback "
                  "probes, large messages)");
    case Column::Types:
        return tr("The memberlist messages inside, in order (a compound packet lists each "
                  "part); a value's text follows its message");
    case Column::Size:
        return tr("Bytes on the wire, all layers included (label, encryption, CRC, "
                  "compression)");
    case Column::Count:
        break;
    }
    return {};
}

void GossipLogModel::append(const PacketTrace &trace)
{
    ++m_totalAppended;
    m_pending.append(trace);
    // Anything beyond capacity would be evicted by the next flush anyway.
    while (m_pending.size() > m_capacity) {
        m_pending.removeFirst();
        ++m_dropped;
    }
}

void GossipLogModel::flush()
{
    if (m_paused || m_pending.isEmpty())
        return;
    const int batch = int(m_pending.size());
    const int overflow = m_count + batch - m_capacity;
    if (overflow > 0)
        removeOldest(overflow);
    beginInsertRows({}, m_count, m_count + batch - 1);
    for (PacketTrace &t : m_pending) {
        const int slot = slotOf(m_count);
        if (size_t(slot) == m_ring.size())
            m_ring.push_back(std::move(t));
        else
            m_ring[size_t(slot)] = std::move(t);
        ++m_count;
    }
    m_pending.clear();
    endInsertRows();
    emit flushed(batch);
}

void GossipLogModel::removeOldest(int count)
{
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i)
        m_ring[size_t(slotOf(i))] = PacketTrace{}; // release its bytes now
    m_head = (m_head + count) % m_capacity;
    m_count -= count;
    m_dropped += count;
    endRemoveRows();
}

void GossipLogModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        flush();
}

void GossipLogModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_pending.clear();
    m_head = 0;
    m_count = 0;
    endResetModel();
}

bool GossipLogModel::exportJsonLines(QIODevice *device, const QList<int> &rows) const
{
    const int count = rows.isEmpty() ? m_count : int(rows.size());
    for (int i = 0; i < count; ++i) {
        const int row = rows.isEmpty() ? i : rows.at(i);
        const QByteArray bytes =
            QJsonDocument(traceToJson(traceAt(row))).toJson(QJsonDocument::Compact) + '\n';
        if (device->write(bytes) != bytes.size())
            return false;
    }
    return true;
}

} // namespace grapevine::ui
