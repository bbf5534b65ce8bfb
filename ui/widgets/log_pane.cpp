#include "ui/widgets/log_pane.h"

#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"
#include "ui/widgets/packet_details.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace grapevine::ui {

LogPane::LogPane(GossipLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new GossipFilterProxy(this))
    , m_table(new QTableView(this))
    , m_details(new PacketDetails(this))
{
    m_filter->setSourceModel(model);
    m_details->setObjectName(QStringLiteral("packetDetails"));
    buildTable();
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    leftLayout->addWidget(buildFilterBar());
    leftLayout->addWidget(m_table);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(left);
    splitter->addWidget(m_details);
    splitter->setSizes({330, 220});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_model, &GossipLogModel::flushed, this, &LogPane::afterFlush);
    connect(m_model, &GossipLogModel::modelReset, this, [this] {
        m_details->clear(); // Clear: the details must not show a packet that is gone
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogPane::showSelected);
    // Scrolling up to read, or picking a row, stops the follow; reaching the bottom again
    // (End, the scroll bar) resumes it.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        const bool atBottom = value >= m_table->verticalScrollBar()->maximum() - 1;
        if (atBottom != m_follow && !m_scrolling)
            setFollowing(atBottom);
    });
    connect(m_table, &QTableView::clicked, this, [this] { setFollowing(false); });
    auto *copy = new QAction(tr("Copy rows"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &LogPane::copySelectedRows);
    m_table->addAction(copy);
    updateCount();
}

QWidget *LogPane::buildFilterBar()
{
    auto *bar = new QWidget(this);
    m_type = new QComboBox(bar);
    m_type->setObjectName(QStringLiteral("typeFilter"));
    m_type->addItem(tr("All messages"), QVariant());
    using T = wire::MessageType;
    for (const T type : {T::Ping, T::IndirectPing, T::Ack, T::Nack, T::Suspect, T::Alive, T::Dead,
                         T::PushPull, T::User, T::Err, T::Compound})
        m_type->addItem(messageTypeText(type), QVariant::fromValue(type));
    m_peer = new QLineEdit(bar);
    m_peer->setObjectName(QStringLiteral("peerFilter"));
    m_peer->setPlaceholderText(tr("Peer"));
    m_peer->setClearButtonEnabled(true);
    m_text = new QLineEdit(bar);
    m_text->setObjectName(QStringLiteral("textFilter"));
    m_text->setPlaceholderText(tr("Search decoded fields…"));
    m_text->setClearButtonEnabled(true);
    m_pause = new QToolButton(bar);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_followButton = new QToolButton(bar);
    m_followButton->setObjectName(QStringLiteral("followButton"));
    m_followButton->setText(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(tr("Keep the newest packet in view (End). Scrolling up or "
                                  "selecting a packet to read stops following."));
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("logCount"));
    m_count->setMinimumWidth(150);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_type);
    layout->addWidget(m_peer, 1);
    layout->addWidget(m_text, 2);
    layout->addWidget(m_pause);
    layout->addWidget(m_followButton);
    layout->addWidget(m_count);
    connectFilterBar();
    return bar;
}

void LogPane::searchFor(const QString &text)
{
    m_text->setText(text);
    m_text->setFocus();
}

void LogPane::connectFilterBar()
{
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant type = m_type->currentData();
        m_filter->setTypeFilter(type.isValid() ? std::optional(type.value<wire::MessageType>())
                                               : std::nullopt);
        updateCount();
    });
    connect(m_peer, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_filter->setPeerFilter(t);
        updateCount();
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_filter->setTextFilter(t);
        updateCount();
    });
    connect(m_pause, &QToolButton::toggled, this, &LogPane::setPaused);
    connect(m_followButton, &QToolButton::toggled, this, &LogPane::setFollowing);
}

void LogPane::buildTable()
{
    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no ResizeToContents: layout cost must not grow with the log.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *h = m_table->horizontalHeader();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(int(GossipLogModel::Column::Types), QHeaderView::Stretch);
    h->resizeSection(int(GossipLogModel::Column::Time), 96);
    h->resizeSection(int(GossipLogModel::Column::Direction), 36);
    h->resizeSection(int(GossipLogModel::Column::Peer), 170);
    h->resizeSection(int(GossipLogModel::Column::Channel), 60);
    h->resizeSection(int(GossipLogModel::Column::Size), 56);
}

void LogPane::setPaused(bool paused)
{
    if (m_model->isPaused() == paused)
        return;
    m_model->setPaused(paused);
    m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    updateCount();
    emit pausedChanged(paused);
}

void LogPane::selectNewest(wire::MessageType type)
{
    m_model->flush();
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return;
    int pick = rows - 1;
    for (int row = rows - 1; row >= 0; --row) {
        if (GossipLogModel::typesAt(m_filter->index(row, 0)).contains(type)) {
            pick = row;
            break;
        }
    }
    m_table->selectRow(pick);
    m_table->scrollTo(m_filter->index(pick, 0));
}

void LogPane::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    m_details->showTrace(m_model->traceAt(m_filter->mapToSource(current).row()));
}

void LogPane::afterFlush()
{
    if (m_follow)
        scrollToNewest();
    updateCount();
}

void LogPane::scrollToNewest()
{
    m_scrolling = true; // our own scroll is not the user scrolling away
    m_table->scrollToBottom();
    m_scrolling = false;
}

void LogPane::setFollowing(bool follow)
{
    m_follow = follow;
    m_followButton->setChecked(follow);
    if (follow)
        scrollToNewest();
}

void LogPane::focusSearch()
{
    m_text->setFocus();
    m_text->selectAll();
}

const PacketTrace *LogPane::selectedTrace() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return &m_model->traceAt(m_filter->mapToSource(current).row());
}

QList<int> LogPane::filteredRows() const
{
    QList<int> rows;
    rows.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row)
        rows << m_filter->mapToSource(m_filter->index(row, 0)).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

QString LogPane::selectedRowsText() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const QModelIndex &row : std::as_const(rows)) {
        QStringList cells;
        for (int column = 0; column < m_filter->columnCount(); ++column)
            cells << m_filter->index(row.row(), column).data(GossipLogModel::CopyRole).toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void LogPane::copySelectedRows() const
{
    const QString text = selectedRowsText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void LogPane::updateCount()
{
    QString text = m_filter->isFiltering()
                       ? tr("%1 of %2 packets").arg(m_filter->rowCount()).arg(m_model->rowCount())
                       : tr("%1 packets").arg(m_model->rowCount());
    if (m_model->isPaused())
        text += tr(" · paused (%1 waiting)").arg(m_model->pendingCount());
    m_count->setText(text);
}

} // namespace grapevine::ui
