#include "node.h"

#include "core/value/limits.h"
#include "node_impl.h"
#include "snapshots.h"

namespace grapevine {

Node::Impl::Impl(Node *owner, NodeOptions opts)
    : q(owner)
    , options(std::move(opts))
    , timer(new QTimer(owner))
    , autoJoinTimer(new QTimer(owner))
    , saveTimer(new QTimer(owner))
    , leaveTimer(new QTimer(owner))
    , resolver(new JoinResolver(owner))
{
    saveTimer->setSingleShot(true);
    leaveTimer->setSingleShot(true);
    saveTimer->setInterval(100);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer); // gossip runs every 200 ms; drift adds up
    autoJoinTimer->setSingleShot(true);
}

Node::Node(NodeOptions options, QObject *parent)
    : QObject(parent)
    , m_impl(std::make_unique<Impl>(this, std::move(options)))
{
    connect(m_impl->timer, &QTimer::timeout, this, [this] {
        m_impl->engine->handleTimeout(m_impl->tick());
        m_impl->afterEngine();
    });
    connect(m_impl->saveTimer, &QTimer::timeout, this, [this] { m_impl->saveState(); });
    connect(m_impl->leaveTimer, &QTimer::timeout, this, [this] {
        m_impl->engine->leave(m_impl->tick());
        m_impl->afterEngine();
    });
    connect(m_impl->autoJoinTimer, &QTimer::timeout, this,
            [this] { m_impl->startJoin(m_impl->options.joins, true); });
}

Node::~Node()
{
    if (m_impl->saveTimer->isActive())
        m_impl->saveState(); // a value applied in the last 100 ms still survives a restart
    // The transport's callbacks point into m_impl: it goes first, before m_impl does.
    delete m_impl->transport;
    m_impl->transport = nullptr;
}

bool Node::start(QString *error)
{
    QString reason;
    const bool ok = m_impl->start(&reason);
    if (!ok && error)
        *error = reason;
    return ok;
}

QString Node::name() const
{
    return m_impl->name;
}
QString Node::address() const
{
    return m_impl->address;
}

QList<MemberSnapshot> Node::members() const
{
    QList<MemberSnapshot> list;
    if (!m_impl->engine)
        return list;
    for (const protocol::MemberInfo &member : m_impl->engine->members())
        if (!m_impl->departed.isPruned(QString::fromStdString(member.name)))
            list.append(m_impl->snapshotOf(member));
    list.append(m_impl->departed.all());
    return list;
}

ValueSnapshot Node::value() const
{
    return m_impl->shared ? toSnapshot(m_impl->shared->current()) : ValueSnapshot{};
}

int Node::healthScore() const
{
    return m_impl->engine ? m_impl->engine->healthScore() : 0;
}
NodeStats Node::stats() const
{
    return m_impl->stats();
}
QList<TimelineEntry> Node::timeline(const QString &member) const
{
    return m_impl->timelines.of(member);
}

// Not static: callers ask the node they hold, as for its other limits and settings.
// NOLINTNEXTLINE(readability-convert-member-functions-to-static)
int Node::maxValueBytes() const
{
    return static_cast<int>(value::kMaxValueBytes);
}

void Node::join(const QString &hostPort)
{
    joinAll({hostPort});
}

void Node::joinAll(const QStringList &targets)
{
    const QString target = targets.join(QStringLiteral(", "));
    if (!m_impl->engine) {
        emit joinFinished({target, false, 0, tr("the node is not running")});
        return;
    }
    if (m_impl->leaving && !m_impl->leaveDone) {
        emit joinFinished({target, false, m_impl->engine->aliveCount(),
                           tr("the node is still leaving; join again once it has left")});
        return;
    }
    if (m_impl->leaving)
        m_impl->restartEngine();
    m_impl->startJoin(targets, false);
}

void Node::cancelJoin()
{
    if (m_impl->engine)
        m_impl->cancelJoins();
}

bool Node::setValue(const QString &value, QString *error)
{
    QString reason;
    if (m_impl->setValue(value, &reason))
        return true;
    if (error)
        *error = reason;
    else
        emit errorOccurred(reason); // a queued caller has no other way to learn why
    return false;
}

void Node::syncNow()
{
    if (!m_impl->engine || m_impl->leaving)
        return;
    m_impl->shared->syncNow(m_impl->tick());
    m_impl->afterEngine();
}

void Node::leave()
{
    if (!m_impl->engine || m_impl->leaving)
        return;
    m_impl->leaving = true;
    m_impl->leaveDone = false;
    m_impl->autoJoinTimer->stop();
    if (m_impl->saveTimer->isActive())
        m_impl->saveState(); // the process usually exits right after leaving
    m_impl->beginLeave();
}

bool Node::isSerf() const
{
    return m_impl->options.serf;
}

QString Node::modeName() const
{
    return m_impl->options.serf ? QStringLiteral("serf") : QStringLiteral("memberlist");
}

QMap<QString, QString> Node::tags() const
{
    QMap<QString, QString> out;
    if (m_impl->serfDelegate)
        for (const auto &[key, value] : m_impl->serfDelegate->tags())
            out.insert(QString::fromStdString(key), QString::fromStdString(value));
    return out;
}

QStringList Node::keyring() const
{
    return m_impl->keyringView();
}

bool Node::setTags(const QMap<QString, QString> &tags, QString *error)
{
    QString reason;
    if (m_impl->setTags(tags, &reason))
        return true;
    if (error)
        *error = reason;
    else
        emit errorOccurred(reason);
    return false;
}

void Node::setTracing(bool on)
{
    if (m_impl->transport)
        m_impl->transport->setTracing(on);
    m_impl->tracing = on;
}

} // namespace grapevine
