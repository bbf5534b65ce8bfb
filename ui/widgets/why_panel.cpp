// why_panel.cpp — see the header.
#include "ui/widgets/why_panel.h"

#include "ui/models/member_timeline_model.h"
#include "ui/models/timeline_series.h"
#include "ui/models/why_sentence.h"
#include "ui/widgets/health_chart.h"
#include "ui/widgets/rtt_chart.h"
#include "ui/widgets/timeline_chart.h"
#include "ui/widgets/traffic_chart.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace grapevine::ui {

namespace {

constexpr int kTickMs = 1000;

QTableView *makeTable(MemberTimelineModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    const QList<int> widths{100, 110, 80};
    for (int c = 0; c < widths.size(); ++c)
        table->horizontalHeader()->resizeSection(c, widths.at(c));
    return table;
}

QLabel *makeSentence(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    // Without an explicit minimum, a wrapped label asks for its height at a guessed narrow
    // width (several lines), which alone made the window taller than 600 px. Two lines are
    // the floor; the layout still gives it its height for the real width.
    label->setMinimumSize(1, 2 * QFontMetrics(font).lineSpacing());
    return label;
}

} // namespace

WhyPanel::WhyPanel(QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_title(new QLabel(this))
    , m_sentence(makeSentence(QStringLiteral("whySentence"), this))
    , m_healthSentence(makeSentence(QStringLiteral("healthSentence"), this))
    , m_tabs(new QTabWidget(this))
    , m_timelineChart(new TimelineChart(this))
    , m_rttChart(new RttChart(this))
    , m_trafficChart(new TrafficChart(this))
    , m_healthChart(new HealthChart(this))
    , m_timelineModel(new MemberTimelineModel(this))
    , m_healthModel(new MemberTimelineModel(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("whyPanel"));
    m_title->setObjectName(QStringLiteral("whyTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_healthModel->setKinds({TimelineKind::HealthChanged, TimelineKind::Refuted});
    m_tabs->setObjectName(QStringLiteral("whyTabs"));
    m_tabs->addTab(buildTimelineTab(), tr("Timeline"));
    m_tabs->addTab(m_rttChart, tr("Round trips"));
    m_tabs->addTab(m_trafficChart, tr("Traffic"));
    m_tabs->addTab(buildHealthTab(), tr("This node's health"));
    // The title beside the sentence rather than above it: one line less in a short dock.
    auto *heading = new QHBoxLayout;
    heading->addWidget(m_title, 0, Qt::AlignTop);
    heading->addWidget(m_sentence, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(heading);
    layout->addWidget(m_tabs, 1);
    connect(m_tabs, &QTabWidget::currentChanged, this, &WhyPanel::refresh);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_tick->start();
    showMember({});
}

QWidget *WhyPanel::buildTimelineTab()
{
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_timelineChart);
    m_timelineTable = makeTable(m_timelineModel, QStringLiteral("timelineTable"), split);
    split->addWidget(m_timelineTable);
    split->setSizes({620, 480});
    return split;
}

// The sentence beside its chart and table, not above them: the dock is short at 900x600.
QWidget *WhyPanel::buildHealthTab()
{
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_healthSentence->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    split->addWidget(m_healthSentence);
    split->addWidget(m_healthChart);
    split->addWidget(makeTable(m_healthModel, QStringLiteral("healthTable"), split));
    split->setSizes({300, 520, 400});
    return split;
}

void WhyPanel::setSelf(const QString &name)
{
    m_self = name;
    m_healthModel->setMember(name, m_timelines.of(name));
}

void WhyPanel::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void WhyPanel::addEntry(const TimelineEntry &entry)
{
    m_timelines.add(entry);
    if (entry.kind == TimelineKind::AckReceived)
        m_lastAckMs.insert(entry.member, entry.timeMs);
    if (entry.kind == TimelineKind::ProbeSent)
        m_lastProbeMs = std::max(m_lastProbeMs, entry.timeMs);
    m_timelineModel->append(entry);
    m_healthModel->append(entry);
}

void WhyPanel::addPacket(const PacketTrace &trace)
{
    m_traffic.add(trace);
}

void WhyPanel::showMember(const QString &name)
{
    m_member = name;
    m_timelineModel->setMember(name, m_timelines.of(name));
    if (m_timelineTable)
        m_timelineTable->scrollToBottom();
    refresh();
}

void WhyPanel::refresh()
{
    const qint64 now = m_clock();
    switch (m_tabs->currentIndex()) {
    case 0:
        refreshTimeline(now);
        break;
    case 1:
        refreshRtt(now);
        break;
    case 2:
        m_trafficChart->show(m_traffic, now);
        break;
    case 3:
        refreshHealth(now);
        break;
    default:
        break;
    }
}

void WhyPanel::refreshTimeline(qint64 now)
{
    if (m_member.isEmpty()) {
        m_title->setText(tr("Why?"));
        m_sentence->setText(tr("Select a member to see how failure detection judged it."));
        m_timelineChart->show({}, now);
        return;
    }
    const QList<TimelineEntry> entries = m_timelines.of(m_member);
    m_title->setText(m_member == m_self ? tr("Why? %1 (this node)").arg(m_member)
                                        : tr("Why? %1").arg(m_member));
    // A node never probes itself: "has not probed it" would read as a fault.
    if (m_member == m_self && entries.isEmpty())
        m_sentence->setText(tr("This node: nobody has suspected it, so it has had nothing to "
                               "refute. How well it probes the others is under This node's "
                               "health."));
    else
        m_sentence->setText(WhySentence::aboutMember(entries, m_self, now));
    m_timelineChart->show(entries, now);
}

void WhyPanel::refreshRtt(qint64 now)
{
    QList<QPair<qint64, QString>> recent;
    for (auto it = m_lastAckMs.cbegin(); it != m_lastAckMs.cend(); ++it)
        recent.append({it.value(), it.key()});
    std::sort(recent.begin(), recent.end(), std::greater<>());
    QHash<QString, QList<QPointF>> lines;
    for (int i = 0; i < recent.size() && i < kRttMembers; ++i)
        lines.insert(recent[i].second, TimelineSeries::rtt(m_timelines.of(recent[i].second)));
    if (!m_member.isEmpty() && m_member != m_self)
        lines.insert(m_member, TimelineSeries::rtt(m_timelines.of(m_member)));
    m_rttChart->show(lines, now);
}

void WhyPanel::refreshHealth(qint64 now)
{
    const QList<TimelineEntry> own = m_timelines.of(m_self);
    m_healthSentence->setText(WhySentence::aboutHealth(own, healthScore(), m_lastProbeMs, now));
    m_healthChart->show(own, healthScore(), now);
}

int WhyPanel::healthScore() const
{
    const QList<TimelineEntry> own = m_timelines.of(m_self);
    for (auto it = own.crbegin(); it != own.crend(); ++it)
        if (it->kind == TimelineKind::HealthChanged)
            return it->health;
    return 0;
}

QString WhyPanel::sentence() const
{
    return m_sentence->text();
}

QString WhyPanel::healthSentence() const
{
    return m_healthSentence->text();
}

} // namespace grapevine::ui
