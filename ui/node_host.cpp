#include "ui/node_host.h"

#include "ui/main_window.h"

namespace grapevine::ui {

NodeHost::NodeHost(const NodeOptions &options, QObject *parent)
    : QObject(parent)
    , m_node(new Node(options))
    , m_toNode(new ThreadMailbox)
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
    m_toNode->moveToThread(&m_thread);
    m_thread.start();
}

NodeHost::~NodeHost()
{
    // Delete the node in its own thread (its sockets and timers live there), then stop it.
    callInNode([](Node *node) { delete node; });
    m_thread.quit();
    m_thread.wait();
    delete m_toNode; // its thread has ended: nothing can post or drain any more
}

void NodeHost::callInNode(const std::function<void(Node *node)> &work)
{
    Node *node = m_node;
    m_toNode->call([&work, node] { work(node); });
}

template <typename... SignalArgs, typename... SlotArgs>
void NodeHost::toWindow(void (Node::*signal)(SignalArgs...), void (MainWindow::*slot)(SlotArgs...))
{
    MainWindow *window = m_window;
    relay(signal, window,
          [window, slot](const std::decay_t<SignalArgs> &...args) { (window->*slot)(args...); });
}

template <typename... SignalArgs, typename... SlotArgs>
void NodeHost::toNode(void (MainWindow::*signal)(SignalArgs...), void (Node::*slot)(SlotArgs...))
{
    ThreadMailbox *mailbox = m_toNode;
    Node *node = m_node;
    connect(m_window, signal, this, [mailbox, node, slot](SignalArgs... args) {
        mailbox->post([node, slot, ... values = std::decay_t<SignalArgs>(args)] {
            (node->*slot)(values...);
        });
    });
}

template <typename Work> void NodeHost::postToWindow(Work work)
{
    // m_window is read in the GUI thread only; the mailbox dies with this host.
    m_toGui.post([this, work = std::move(work)] {
        if (m_window)
            work(m_window.data());
    });
}

void NodeHost::attach(MainWindow *window)
{
    m_window = window;
    relayNodeToWindow();
    relayWindowToNode();
}

void NodeHost::relayNodeToWindow()
{
    toWindow(&Node::started, &MainWindow::onStarted);
    toWindow(&Node::memberChanged, &MainWindow::onMemberChanged);
    toWindow(&Node::valueChanged, &MainWindow::onValueChanged);
    toWindow(&Node::convergenceChanged, &MainWindow::onConvergenceChanged);
    toWindow(&Node::packetTraced, &MainWindow::onPacketTraced);
    toWindow(&Node::healthChanged, &MainWindow::onHealthChanged);
    toWindow(&Node::observed, &MainWindow::onObserved);
    toWindow(&Node::joinFinished, &MainWindow::onJoinFinished);
    toWindow(&Node::leaveFinished, &MainWindow::onLeaveFinished);
    toWindow(&Node::errorOccurred, &MainWindow::onErrorOccurred);
    toWindow(&Node::nameConflictChanged, &MainWindow::onNameConflictChanged);
    toWindow(&Node::serfNotice, &MainWindow::onSerfNotice);
    toWindow(&Node::keyringChanged, &MainWindow::onKeyringChanged);
}

void NodeHost::relayWindowToNode()
{
    toNode(&MainWindow::joinRequested, &Node::joinAll);
    toNode(&MainWindow::cancelJoinRequested, &Node::cancelJoin);
    toNode(&MainWindow::syncRequested, &Node::syncNow);
    toNode(&MainWindow::leaveRequested, &Node::leave);
    connect(m_window, &MainWindow::statsRequested, this, [this] {
        m_toNode->post([this, node = m_node] {
            postToWindow([stats = node->stats()](MainWindow *w) { w->onStatsReported(stats); });
        });
    });
    connect(m_window, &MainWindow::tagsChangeRequested, this,
            [this](const QMap<QString, QString> &tags) {
                m_toNode->post([this, node = m_node, tags] {
                    QString error;
                    if (!node->setTags(tags, &error))
                        postToWindow([error](MainWindow *w) { w->onErrorOccurred(error); });
                });
            });
    connect(m_window, &MainWindow::setValueRequested, this, [this](const QString &value) {
        m_toNode->post([this, node = m_node, value] {
            QString error;
            if (!node->setValue(value, &error) && !error.isEmpty())
                postToWindow([error](MainWindow *w) { w->onSetRefused(error); });
        });
    });
}

bool NodeHost::start(QString *error, const Hooks &hooks)
{
    bool ok = false;
    callInNode([&](Node *node) {
        if (hooks.beforeStart)
            hooks.beforeStart(node);
        ok = node->start(error) && (!hooks.afterStart || hooks.afterStart(node, error));
        if (!ok)
            return;
        node->setTracing(true);
        m_name = node->name();
        m_address = node->address();
        postSnapshot(node);
    });
    return ok;
}

void NodeHost::postSnapshot(Node *node)
{
    // Posted from the Node's thread into the same FIFO as its signals, so it reaches the
    // window after every signal the start itself emitted: never overtaken by older events.
    postToWindow([name = m_name, address = m_address, members = node->members(),
                  value = node->value(), maxBytes = node->maxValueBytes(), mode = node->modeName(),
                  tags = node->tags(), keyring = node->keyring()](MainWindow *window) {
        window->setMaxValueBytes(maxBytes);
        window->onModeReported(mode, tags, keyring);
        window->onStarted(name, address);
        for (const MemberSnapshot &m : members)
            window->onMemberChanged(MemberChange::Updated, m);
        window->onValueChanged(value);
    });
}

} // namespace grapevine::ui
