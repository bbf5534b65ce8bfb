// node_host.h — runs a Node in its own QThread and wires it to a MainWindow.
// Everything crosses the thread line through two ThreadMailboxes, one per direction (FIFO
// each): the Node's signals are caught in the Node's thread and posted to the window's
// mailbox as copies; the window's requests are posted to the Node's mailbox. No queued signal
// or invokeMethod carries our data, so ThreadSanitizer sees every hand-over (a std::mutex)
// and can judge the rest. The GUI thread never calls the Node's methods directly. The only
// blocking calls are start(), once, before the window is shown, so a bind error can be
// reported before any window appears, callInNode() and the destructor.
#pragma once

#include "core/node/node.h"
#include "ui/thread_mailbox.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>

namespace grapevine::ui {

class MainWindow;

class NodeHost : public QObject {
    Q_OBJECT
public:
    // Run in the Node's thread: beforeStart (e.g. the event log, so it sees "started") and
    // afterStart (e.g. the HTTP API). Objects they create should be children of the node so
    // they die with it, in its thread.
    struct Hooks {
        std::function<void(Node *node)> beforeStart;
        std::function<bool(Node *node, QString *error)> afterStart;
    };

    explicit NodeHost(const NodeOptions &options, QObject *parent = nullptr);
    ~NodeHost() override;

    // Connects the window both ways. Call before start() so no early event is missed.
    void attach(MainWindow *window);
    bool start(QString *error, const Hooks &hooks = {});

    // Runs `work` in the Node's thread with the node and waits for it (what it writes is
    // visible afterwards). Never from the Node's thread.
    void callInNode(const std::function<void(Node *node)> &work);

    // Calls `slot` in the GUI thread with a copy of each `signal`'s arguments, while
    // `context` lives; in the order the Node emitted them, also relative to the window's own.
    // Connected in the Node's thread (so the connection is published through the mailbox,
    // not through Qt's connection list): call from the GUI thread, before or after start().
    template <typename... SignalArgs, typename Slot>
    void relay(void (Node::*signal)(SignalArgs...), QObject *context, Slot slot)
    {
        callInNode([&](Node *node) { ui::relay(node, signal, &m_toGui, context, slot); });
    }

    // For callInNode() and relay() only: never call its methods from the GUI thread.
    [[nodiscard]] Node *node() const { return m_node; }
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString address() const { return m_address; }

private:
    template <typename... SignalArgs, typename... SlotArgs>
    void toWindow(void (Node::*signal)(SignalArgs...), void (MainWindow::*slot)(SlotArgs...));
    template <typename... SignalArgs, typename... SlotArgs>
    void toNode(void (MainWindow::*signal)(SignalArgs...), void (Node::*slot)(SlotArgs...));
    template <typename Work>
    void postToWindow(Work work); // runs work(window) in the GUI thread while the window lives
    void relayNodeToWindow();
    void relayWindowToNode();
    void postSnapshot(Node *node); // in the Node's thread

    QThread m_thread;
    Node *m_node;
    ThreadMailbox m_toGui;   // lives in this (the GUI) thread
    ThreadMailbox *m_toNode; // lives in the Node's thread; deleted once it stopped
    QPointer<MainWindow> m_window;
    QString m_name;
    QString m_address;
};

} // namespace grapevine::ui
