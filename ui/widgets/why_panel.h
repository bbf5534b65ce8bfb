// why_panel.h — "Why is X suspect?" (issue #16): the selected member's timeline with one
// plain sentence above it (WhySentence), round trips per member, traffic by message type,
// and this node's own health with its causes. Fed with value types only — TimelineEntry,
// PacketTrace — so the window's live node and the lab's simulated nodes use it alike.
// Live without blocking: entries go into bounded stores at once (MemberTimelines,
// TrafficRates), the visible tab's charts are redrawn on a 1 s tick, never per event.
#pragma once

#include "core/node/member_timelines.h"
#include "core/node/node_types.h"
#include "core/node/timeline_entry.h"
#include "ui/models/traffic_rates.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QLabel;
class QTabWidget;
class QTableView;
class QTimer;

namespace grapevine::ui {

class HealthChart;
class MemberTimelineModel;
class RttChart;
class TimelineChart;
class TrafficChart;

class WhyPanel : public QWidget {
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // wall-clock ms since the epoch
    static constexpr int kRttMembers = 8;  // lines on the round-trip plot

    explicit WhyPanel(QWidget *parent = nullptr);

    void setSelf(const QString &name);
    void setClock(Clock clock); // the lab shows its virtual time; default: the wall clock
    void addEntry(const TimelineEntry &entry);
    void addPacket(const PacketTrace &trace);
    void showMember(const QString &name);
    void refresh(); // redraws the visible tab now (the tick calls it)

    [[nodiscard]] QString member() const { return m_member; }
    [[nodiscard]] QString sentence() const;
    [[nodiscard]] QString healthSentence() const;
    [[nodiscard]] MemberTimelineModel *timelineModel() const { return m_timelineModel; }
    [[nodiscard]] MemberTimelineModel *healthModel() const { return m_healthModel; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }

private:
    QWidget *buildTimelineTab();
    QWidget *buildHealthTab();
    void refreshTimeline(qint64 now);
    void refreshRtt(qint64 now);
    void refreshHealth(qint64 now);
    [[nodiscard]] int healthScore() const;

    Clock m_clock;
    QString m_self;
    QString m_member;
    MemberTimelines m_timelines;
    TrafficRates m_traffic;
    QHash<QString, qint64> m_lastAckMs; // who answered lately: the round-trip plot's lines
    qint64 m_lastProbeMs = 0;
    QLabel *m_title;
    QLabel *m_sentence;
    QLabel *m_healthSentence;
    QTabWidget *m_tabs;
    TimelineChart *m_timelineChart;
    RttChart *m_rttChart;
    TrafficChart *m_trafficChart;
    HealthChart *m_healthChart;
    MemberTimelineModel *m_timelineModel;
    MemberTimelineModel *m_healthModel;
    QTableView *m_timelineTable = nullptr;
    QTimer *m_tick;
};

} // namespace grapevine::ui
