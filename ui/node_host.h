// node_host.h — runs a Node in its own QThread and wires it to a MainWindow.
// Everything crosses the thread line as queued signals or invokeMethod; the GUI thread
// never calls the Node's methods directly. The only blocking call is start(), once, before
// the window is shown, so a bind error can be reported before any window appears.
#pragma once

#include "core/node/node.h"

#include <QObject>
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

    // For connect() only: never call its methods from the GUI thread.
    [[nodiscard]] Node *node() const { return m_node; }
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString address() const { return m_address; }

private:
    QThread m_thread;
    Node *m_node;
    MainWindow *m_window = nullptr;
    QString m_name;
    QString m_address;
};

} // namespace grapevine::ui
