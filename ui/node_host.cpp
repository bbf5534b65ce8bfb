#include "node_host.h"

#include "main_window.h"

#include <QPointer>

namespace grapevine::ui {

NodeHost::NodeHost(const NodeOptions &options, QObject *parent)
    : QObject(parent)
    , m_node(new Node(options))
{
    qRegisterMetaType<MemberChange>("grapevine::MemberChange");
    qRegisterMetaType<MemberSnapshot>("grapevine::MemberSnapshot");
    qRegisterMetaType<PacketTrace>("grapevine::PacketTrace");
    qRegisterMetaType<ValueSnapshot>("grapevine::ValueSnapshot");
    qRegisterMetaType<ConvergenceReport>("grapevine::ConvergenceReport");
    qRegisterMetaType<JoinResult>("grapevine::JoinResult");
    qRegisterMetaType<TimelineEntry>("grapevine::TimelineEntry");
    qRegisterMetaType<NameConflictReport>("grapevine::NameConflictReport");
    qRegisterMetaType<SerfNoticeInfo>("grapevine::SerfNoticeInfo");
    m_thread.setObjectName(QStringLiteral("grapevine-node"));
    m_node->moveToThread(&m_thread);
    m_thread.start();
}

NodeHost::~NodeHost()
{
    // Delete the node in its own thread (its sockets and timers live there), then stop it.
    Node *node = m_node;
    QMetaObject::invokeMethod(
        node, [node] { delete node; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void NodeHost::attach(MainWindow *window)
{
    m_window = window;
    connect(m_node, &Node::started, window, &MainWindow::onStarted);
    connect(m_node, &Node::memberChanged, window, &MainWindow::onMemberChanged);
    connect(m_node, &Node::valueChanged, window, &MainWindow::onValueChanged);
    connect(m_node, &Node::convergenceChanged, window, &MainWindow::onConvergenceChanged);
    connect(m_node, &Node::packetTraced, window, &MainWindow::onPacketTraced);
    connect(m_node, &Node::healthChanged, window, &MainWindow::onHealthChanged);
    connect(m_node, &Node::observed, window, &MainWindow::onObserved);
    connect(m_node, &Node::joinFinished, window, &MainWindow::onJoinFinished);
    connect(m_node, &Node::leaveFinished, window, &MainWindow::onLeaveFinished);
    connect(m_node, &Node::errorOccurred, window, &MainWindow::onErrorOccurred);
    connect(m_node, &Node::nameConflictChanged, window, &MainWindow::onNameConflictChanged);
    connect(m_node, &Node::serfNotice, window, &MainWindow::onSerfNotice);
    connect(m_node, &Node::keyringChanged, window, &MainWindow::onKeyringChanged);

    connect(window, &MainWindow::joinRequested, m_node, &Node::joinAll);
    connect(window, &MainWindow::cancelJoinRequested, m_node, &Node::cancelJoin);
    connect(window, &MainWindow::syncRequested, m_node, &Node::syncNow);
    connect(window, &MainWindow::leaveRequested, m_node, &Node::leave);
    Node *node = m_node;
    QPointer<MainWindow> guard(window);
    connect(window, &MainWindow::statsRequested, m_node, [node, guard] {
        QMetaObject::invokeMethod(
            guard,
            [guard, stats = node->stats()] {
                if (guard)
                    guard->onStatsReported(stats);
            },
            Qt::QueuedConnection);
    });
    connect(window, &MainWindow::tagsChangeRequested, m_node,
            [node, guard](const QMap<QString, QString> &tags) {
                QString error;
                if (!node->setTags(tags, &error))
                    QMetaObject::invokeMethod(
                        guard,
                        [guard, error] {
                            if (guard)
                                guard->onErrorOccurred(error);
                        },
                        Qt::QueuedConnection);
            });
    connect(window, &MainWindow::setValueRequested, m_node, [node, guard](const QString &value) {
        QString error;
        if (!node->setValue(value, &error) && !error.isEmpty())
            QMetaObject::invokeMethod(
                guard,
                [guard, error] {
                    if (guard)
                        guard->onSetRefused(error);
                },
                Qt::QueuedConnection);
    });
}

bool NodeHost::start(QString *error, const Hooks &hooks)
{
    bool ok = false;
    Node *node = m_node;
    QPointer<MainWindow> window(m_window);
    QMetaObject::invokeMethod(
        node,
        [&, node, window] {
            if (hooks.beforeStart)
                hooks.beforeStart(node);
            ok = node->start(error) && (!hooks.afterStart || hooks.afterStart(node, error));
            if (!ok)
                return;
            node->setTracing(true);
            m_name = node->name();
            m_address = node->address();
            // Posted from the Node's thread, so it reaches the window after every signal the
            // start itself emitted: the snapshot can never be overtaken by older events.
            QMetaObject::invokeMethod(
                window,
                [window, name = m_name, address = m_address, members = node->members(),
                 value = node->value(), maxBytes = node->maxValueBytes(), mode = node->modeName(),
                 tags = node->tags(), keyring = node->keyring()] {
                    if (!window)
                        return;
                    window->setMaxValueBytes(maxBytes);
                    window->onModeReported(mode, tags, keyring);
                    window->onStarted(name, address);
                    for (const MemberSnapshot &m : members)
                        window->onMemberChanged(MemberChange::Updated, m);
                    window->onValueChanged(value);
                },
                Qt::QueuedConnection);
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

} // namespace grapevine::ui
