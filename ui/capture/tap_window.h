// tap_window.h — `grapevine --tap IFACE`: a cluster followed live without joining it. The
// same member table, cluster view and packet log as a live node, fed by a TapWorker on its
// own thread; the status bar says what is captured and that nothing is sent.
#pragma once

#include "core/capture/capture_decoder.h"
#include "core/node/node_types.h"
#include "ui/thread_mailbox.h"

#include <QMainWindow>

#include <atomic>
#include <memory>

class QLabel;
class QThread;

namespace grapevine::ui {

class ClusterView;
class GossipLogModel;
class LogPane;
class MemberTableModel;
class TapWorker;

class TapWindow : public QMainWindow {
    Q_OBJECT
public:
    TapWindow(const QString &interface, capture::DecodeOptions options, QWidget *parent = nullptr);
    ~TapWindow() override;

    [[nodiscard]] MemberTableModel *members() const { return m_members; }
    [[nodiscard]] GossipLogModel *log() const { return m_log; }
    [[nodiscard]] LogPane *logPane() const { return m_logPane; }
    // The reason the tap stopped (shown above the views); empty while it runs.
    [[nodiscard]] QString failure() const;

signals:
    void failed(const QString &reason);

private:
    void buildLayout();
    void showFailure(const QString &reason);
    void onBatch(const QList<grapevine::PacketTrace> &packets,
                 const QList<grapevine::MemberSnapshot> &members);

    QString m_interface;
    GossipLogModel *m_log;
    MemberTableModel *m_members;
    ClusterView *m_cluster = nullptr;
    LogPane *m_logPane = nullptr;
    QLabel *m_failure = nullptr;
    QThread *m_thread;
    TapWorker *m_worker; // for connect() before the thread starts only
    std::shared_ptr<std::atomic<bool>> m_stop;
    ThreadMailbox m_fromWorker; // the worker's batches and news, in this (GUI) thread
};

} // namespace grapevine::ui
