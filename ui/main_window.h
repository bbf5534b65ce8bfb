// main_window.h — the Grapevine window: members, gossip log + packet details, value panel,
// cluster view, menus and status bar. It never sees the Node: Node signals arrive (queued,
// from the Node's thread) at the on* slots as value snapshots, and commands leave as the
// *Requested signals, which NodeHost routes to the Node. So the window can be driven by
// synthetic snapshots in tests and benchmarks exactly as by a real node.
#pragma once

#include "core/node/node_stats.h"
#include "core/node/node_types.h"
#include "core/node/timeline_entry.h"
#include "ui/app_settings.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QDockWidget;
class QGroupBox;
class QSplitter;
class QTableView;
class QTimer;

namespace grapevine::ui {

class ClusterView;
class ConflictBanner;
class DecryptWarning;
class DepartedModel;
class GossipFilterProxy;
class GracefulClose;
class GossipLogModel;
class JoinDialog;
class LogPane;
class SerfPanel;
class MemberFilterProxy;
class MemberTableModel;
class StatusLine;
class ValueHistoryDialog;
class ValueHistoryModel;
class ValuePanel;
class WhyPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kCascadePx = 32; // a new window opens this far right and down
    // The Why? dock's share of the window's height by default: at 900x600 the members, log
    // and value keep the larger part.
    static constexpr int kWhyDockPercent = 30;

    explicit MainWindow(const AppSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Window geometry and pane sizes, remembered between runs (QSettings "window/").
    void restoreLayout();
    void saveLayout() const;
    // What File › New window passes to the new process besides --join (profile, keys, …).
    void setNewWindowArguments(const QStringList &arguments) { m_newWindowArguments = arguments; }
    // Closing when it matters (a value set here has reached nobody yet) asks first; the
    // question goes through this (a QMessageBox by default) so tests can answer it.
    void setCloseConfirmation(std::function<bool(const QString &question)> confirm);
    // A close that never asks (SIGTERM/SIGINT): still leaves gracefully.
    void closeWithoutAsking();
    [[nodiscard]] ValueHistoryModel *valueHistory() const { return m_history; }
    [[nodiscard]] DepartedModel *departedModel() const { return m_departed; }

    [[nodiscard]] MemberTableModel *memberModel() const { return m_members; }
    [[nodiscard]] GossipLogModel *logModel() const { return m_log; }
    [[nodiscard]] GossipFilterProxy *logFilter() const;
    [[nodiscard]] LogPane *logPane() const { return m_logPane; }
    [[nodiscard]] ValuePanel *valuePanel() const { return m_value; }
    [[nodiscard]] ClusterView *clusterView() const { return m_cluster; }
    [[nodiscard]] WhyPanel *whyPanel() const { return m_why; }
    [[nodiscard]] DecryptWarning *decryptWarning() const;
    [[nodiscard]] QString statusText() const; // the status bar's visible labels, joined
    [[nodiscard]] GracefulClose *gracefulClose() const { return m_graceful; }
    [[nodiscard]] ConflictBanner *conflictBanner() const { return m_conflict; }
    [[nodiscard]] SerfPanel *serfPanel() const { return m_serf; }

public slots:
    void onStarted(const QString &name, const QString &address);
    void onMemberChanged(grapevine::MemberChange change, const grapevine::MemberSnapshot &member);
    void onValueChanged(const grapevine::ValueSnapshot &value);
    void onConvergenceChanged(const grapevine::ConvergenceReport &report);
    void onPacketTraced(const grapevine::PacketTrace &trace);
    void onHealthChanged(int score);
    // One failure-detection step (Node::observed): the "why" panel's timelines.
    void onObserved(const grapevine::TimelineEntry &entry);
    void onJoinFinished(const grapevine::JoinResult &result);
    void onLeaveFinished();
    void onErrorOccurred(const QString &message);
    void onSetRefused(const QString &message); // a value the node would not set, and why
    void onNameConflictChanged(const grapevine::NameConflictReport &report);
    // The node's counters (Node::stats()), answering statsRequested.
    void onStatsReported(const grapevine::NodeStats &stats);
    void setMaxValueBytes(int bytes);
    void openJoinDialog();
    // Serf mode ("serf") shows the Serf panel with our tags and keyring; "memberlist" hides it.
    void onModeReported(const QString &mode, const QMap<QString, QString> &tags,
                        const QStringList &keyring);
    void onSerfNotice(const grapevine::SerfNoticeInfo &notice);
    void onKeyringChanged(const QStringList &keys);

signals:
    void joinRequested(const QStringList &targets);
    void cancelJoinRequested();
    void setValueRequested(const QString &value);
    void syncRequested();
    void leaveRequested();
    // Emitted every few status ticks; NodeHost answers with onStatsReported.
    void statsRequested();
    // Cluster › New lab cluster…: the program opens a lab window (ui/lab).
    void newLabRequested();
    void tagsChangeRequested(const QMap<QString, QString> &tags);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildMembers();
    QWidget *buildDeparted();
    void buildWhy();
    void buildLayout();
    void buildMenus();
    void buildFileMenu();
    void buildClusterMenu();
    void buildEditMenu();
    void buildViewMenu();
    void buildLogMenu();
    void buildStatusBar();
    void applyDefaultSizes();
    void resetLayout();
    void copyRows();
    void copyPacket(bool hex);
    void openValueHistory();
    void openNewWindow();
    [[nodiscard]] QString closeQuestion() const;
    void onStatusTick();
    void refreshStatus();
    void showUndecryptable();
    void exportLog(bool filteredOnly);
    void exportPcapng();
    void openSettings();
    void openTapDialog();
    void setInCluster(bool inCluster);
    void rememberPeer(const JoinResult &result);
    void buildSerfDock();
    void showSelectedMember();

    AppSettings m_settings;
    MemberTableModel *m_members;
    MemberFilterProxy *m_memberFilter;
    GossipLogModel *m_log;
    ValuePanel *m_value;
    ClusterView *m_cluster;
    LogPane *m_logPane;
    WhyPanel *m_why;
    QTableView *m_memberTable = nullptr;
    QAction *m_joinAction = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_leaveAction = nullptr;
    QAction *m_historyAction = nullptr;
    QAction *m_newWindowAction = nullptr;
    QList<QAction *> m_paneActions;
    QGroupBox *m_valueBox = nullptr;
    QWidget *m_membersBox = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_leftSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QDockWidget *m_whyDock = nullptr;
    ValueHistoryModel *m_history;
    DepartedModel *m_departed;
    QPointer<ValueHistoryDialog> m_historyDialog;
    QStringList m_newWindowArguments;
    std::function<bool(const QString &)> m_confirmClose;
    bool m_askBeforeClosing = true;
    ConvergenceReport m_lastReport;
    QTimer *m_statusTick = nullptr;
    StatusLine *m_status = nullptr;
    GracefulClose *m_graceful;
    ConflictBanner *m_conflict = nullptr;
    SerfPanel *m_serf = nullptr;
    QDockWidget *m_serfDock = nullptr;
    QString m_mode = QStringLiteral("memberlist");
    QPointer<JoinDialog> m_joinDialog;
    ValueVersion m_valueVersion;  // the value this node holds
    ValueVersion m_reportVersion; // the value the last convergence report was about
    QString m_selfName;
    QString m_selfAddress;
    int m_health = 0;
    int m_ticks = 0;
    qint64 m_malformed = 0;
    bool m_statusDirty = true;
};

} // namespace grapevine::ui
