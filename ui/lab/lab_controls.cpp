#include "lab_controls.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <map>

namespace grapevine::ui {

namespace {

protocol::Duration fromMs(double ms)
{
    return protocol::Duration(std::int64_t(ms * 1e6 + 0.5));
}

double toMs(protocol::Duration d)
{
    return double(d.count()) / 1e6;
}

QDoubleSpinBox *spin(QWidget *parent, const QString &name, double max, int decimals,
                     const QString &suffix)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, max);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    return box;
}

QPushButton *button(QWidget *parent, const QString &name, const QString &text)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

} // namespace

LabControls::LabControls(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildNode());
    layout->addWidget(buildPartition());
    layout->addWidget(buildNetwork());
    layout->addWidget(buildLink());
    layout->addStretch();
    setNode(-1);
    setPicked({});
}

QWidget *LabControls::buildNetwork()
{
    auto *box = new QGroupBox(tr("Network (every link)"), this);
    auto *form = new QFormLayout(box);
    m_loss = spin(box, QStringLiteral("lossSpin"), 100, 1, tr(" %"));
    m_latency = spin(box, QStringLiteral("latencySpin"), 10'000, 3, tr(" ms"));
    m_jitter = spin(box, QStringLiteral("jitterSpin"), 10'000, 3, tr(" ms"));
    form->addRow(tr("Packet loss"), m_loss);
    form->addRow(tr("Latency (one way)"), m_latency);
    form->addRow(tr("Jitter"), m_jitter);
    auto *apply = button(box, QStringLiteral("applyNetwork"), tr("Apply"));
    connect(apply, &QPushButton::clicked, this, &LabControls::applyNetwork);
    form->addRow(apply);
    return box;
}

QWidget *LabControls::buildLink()
{
    auto *box = new QGroupBox(tr("One link"), this);
    auto *form = new QFormLayout(box);
    auto *ends = new QHBoxLayout;
    m_linkA = new QSpinBox(box);
    m_linkB = new QSpinBox(box);
    m_linkA->setObjectName(QStringLiteral("linkA"));
    m_linkB->setObjectName(QStringLiteral("linkB"));
    m_linkA->setPrefix(QStringLiteral("n"));
    m_linkB->setPrefix(QStringLiteral("n"));
    ends->addWidget(m_linkA);
    ends->addWidget(new QLabel(QStringLiteral("↔"), box));
    ends->addWidget(m_linkB);
    form->addRow(tr("Between"), ends);
    m_linkLoss = spin(box, QStringLiteral("linkLossSpin"), 100, 1, tr(" %"));
    m_linkLatency = spin(box, QStringLiteral("linkLatencySpin"), 10'000, 3, tr(" ms"));
    m_linkJitter = spin(box, QStringLiteral("linkJitterSpin"), 10'000, 3, tr(" ms"));
    form->addRow(tr("Packet loss"), m_linkLoss);
    form->addRow(tr("Latency"), m_linkLatency);
    form->addRow(tr("Jitter"), m_linkJitter);
    auto *buttons = new QHBoxLayout;
    auto *set = button(box, QStringLiteral("overrideLink"), tr("Override"));
    auto *clear = button(box, QStringLiteral("clearLink"), tr("Clear"));
    connect(set, &QPushButton::clicked, this, [this] { overrideLink(false); });
    connect(clear, &QPushButton::clicked, this, [this] { overrideLink(true); });
    buttons->addWidget(set);
    buttons->addWidget(clear);
    form->addRow(buttons);
    return box;
}

QWidget *LabControls::buildPartition()
{
    auto *box = new QGroupBox(tr("Partition"), this);
    auto *layout = new QVBoxLayout(box);
    m_pickedLabel = new QLabel(box);
    m_pickedLabel->setWordWrap(true);
    layout->addWidget(m_pickedLabel);
    auto *buttons = new QHBoxLayout;
    auto *split = button(box, QStringLiteral("splitButton"), tr("Split picked off"));
    auto *heal = button(box, QStringLiteral("healButton"), tr("Heal"));
    connect(split, &QPushButton::clicked, this, &LabControls::split);
    connect(heal, &QPushButton::clicked, this,
            [this] { emit actionRequested(action(lab::ActionKind::Heal)); });
    buttons->addWidget(split);
    buttons->addWidget(heal);
    layout->addLayout(buttons);
    return box;
}

QWidget *LabControls::buildNode()
{
    auto *box = new QGroupBox(tr("Node"), this);
    auto *layout = new QVBoxLayout(box);
    m_nodeLabel = new QLabel(box);
    m_nodeLabel->setObjectName(QStringLiteral("nodeLabel"));
    layout->addWidget(m_nodeLabel);
    auto *row = new QHBoxLayout;
    const std::pair<lab::ActionKind, QString> kinds[] = {{lab::ActionKind::Crash, tr("Crash")},
                                                         {lab::ActionKind::Restart, tr("Restart")},
                                                         {lab::ActionKind::Leave, tr("Leave")}};
    for (const auto &[kind, text] : kinds) {
        auto *b = button(box, QStringLiteral("%1Button").arg(lab::actionName(kind)), text);
        connect(b, &QPushButton::clicked, this, [this, kind = kind] { nodeAction(kind); });
        row->addWidget(b);
        m_nodeButtons << b;
    }
    layout->addLayout(row);
    auto *stallRow = new QHBoxLayout;
    auto *stall = button(box, QStringLiteral("stallButton"), tr("Stall for"));
    m_stallFor = spin(box, QStringLiteral("stallSeconds"), 3600, 1, tr(" s"));
    m_stallFor->setMinimum(0.1);
    m_stallFor->setValue(5);
    connect(stall, &QPushButton::clicked, this, [this] { nodeAction(lab::ActionKind::Stall); });
    stallRow->addWidget(stall);
    stallRow->addWidget(m_stallFor);
    layout->addLayout(stallRow);
    m_nodeButtons << stall;
    auto *valueRow = new QHBoxLayout;
    m_value = new QLineEdit(box);
    m_value->setObjectName(QStringLiteral("labValueEdit"));
    m_value->setPlaceholderText(tr("a value to set on this node"));
    auto *set = button(box, QStringLiteral("labSetButton"), tr("Set"));
    connect(set, &QPushButton::clicked, this, [this] { nodeAction(lab::ActionKind::SetValue); });
    connect(m_value, &QLineEdit::returnPressed, set, &QPushButton::click);
    valueRow->addWidget(m_value);
    valueRow->addWidget(set);
    layout->addLayout(valueRow);
    m_nodeButtons << set;
    return box;
}

void LabControls::setNode(int node)
{
    m_node = node;
    m_nodeLabel->setText(node < 0 ? tr("Click a cell to pick a node.")
                                  : tr("Selected: n%1").arg(node));
    for (QPushButton *b : std::as_const(m_nodeButtons))
        b->setEnabled(node >= 0);
    if (node >= 0)
        m_linkA->setValue(node);
}

void LabControls::setPicked(const QSet<int> &nodes)
{
    m_picked = nodes;
    m_pickedLabel->setText(
        nodes.isEmpty() ? tr("Drag over cells (Ctrl+click to add) to pick nodes, then split.")
                        : tr("%n node(s) picked.", nullptr, int(nodes.size())));
}

void LabControls::setFrame(const LabFrame &frame)
{
    m_groups.resize(frame.cells.size());
    for (int i = 0; i < frame.cells.size(); ++i)
        m_groups[i] = frame.cells[i].group;
    m_link = sim::LinkModel{protocol::Duration(frame.latencyNs), protocol::Duration(frame.jitterNs),
                            frame.lossFraction};
    if (m_nodes != frame.cells.size()) {
        m_nodes = int(frame.cells.size());
        m_linkA->setRange(0, m_nodes - 1);
        m_linkB->setRange(0, m_nodes - 1);
        m_linkB->setValue(1);
    }
    if (m_linkShown)
        return;
    m_linkShown = true;
    m_loss->setValue(frame.lossFraction * 100);
    m_latency->setValue(toMs(m_link.latency));
    m_jitter->setValue(toMs(m_link.jitter));
    m_linkLatency->setValue(toMs(m_link.latency));
    m_linkJitter->setValue(toMs(m_link.jitter));
}

lab::LabAction LabControls::action(lab::ActionKind kind) const
{
    lab::LabAction a;
    a.kind = kind;
    a.node = lab::NodeId(std::max(m_node, 0));
    return a;
}

void LabControls::applyNetwork()
{
    // Only what changed becomes an action, so the recording says what the user did.
    const double loss = m_loss->value() / 100;
    if (loss != m_link.loss) {
        auto a = action(lab::ActionKind::Loss);
        a.loss = loss;
        emit actionRequested(a);
    }
    const std::pair<lab::ActionKind, QDoubleSpinBox *> durations[] = {
        {lab::ActionKind::Latency, m_latency}, {lab::ActionKind::Jitter, m_jitter}};
    for (const auto &[kind, box] : durations) {
        auto a = action(kind);
        a.duration = fromMs(box->value());
        if (a.duration != (kind == lab::ActionKind::Latency ? m_link.latency : m_link.jitter))
            emit actionRequested(a);
    }
}

void LabControls::overrideLink(bool clear)
{
    auto a = action(clear ? lab::ActionKind::Unlink : lab::ActionKind::Link);
    a.node = lab::NodeId(m_linkA->value());
    a.peer = lab::NodeId(m_linkB->value());
    a.link = sim::LinkModel{fromMs(m_linkLatency->value()), fromMs(m_linkJitter->value()),
                            m_linkLoss->value() / 100};
    emit actionRequested(a);
}

void LabControls::split()
{
    if (m_picked.isEmpty())
        return;
    // The sides as they are, minus the picked nodes, plus the picked nodes as a new side.
    std::map<int, std::vector<lab::NodeId>> sides;
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i] > 0 && !m_picked.contains(i))
            sides[m_groups[i]].push_back(lab::NodeId(i));
    }
    auto a = action(lab::ActionKind::Split);
    for (auto &[side, nodes] : sides)
        a.groups.push_back(std::move(nodes));
    QList<int> picked(m_picked.begin(), m_picked.end());
    std::sort(picked.begin(), picked.end());
    a.groups.emplace_back(picked.begin(), picked.end());
    emit actionRequested(a);
}

void LabControls::nodeAction(lab::ActionKind kind)
{
    if (m_node < 0)
        return;
    auto a = action(kind);
    if (kind == lab::ActionKind::Stall)
        a.duration = fromMs(m_stallFor->value() * 1000);
    if (kind == lab::ActionKind::SetValue)
        a.text = m_value->text().toStdString();
    emit actionRequested(a);
}

} // namespace grapevine::ui
