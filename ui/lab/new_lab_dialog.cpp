#include "new_lab_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

namespace grapevine::ui {

NewLabDialog::NewLabDialog(QWidget *parent)
    : QDialog(parent)
    , m_nodes(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_profile(new QComboBox(this))
    , m_start(new QComboBox(this))
{
    setWindowTitle(tr("New lab cluster"));
    m_nodes->setObjectName(QStringLiteral("labNodes"));
    m_nodes->setRange(lab::kMinNodes, lab::kMaxNodes);
    m_nodes->setValue(lab::LabSetup{}.nodes);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(1);
    m_profile->addItem(tr("LAN (memberlist's default)"), QStringLiteral("lan"));
    m_profile->addItem(tr("Local (loopback)"), QStringLiteral("local"));
    m_profile->addItem(tr("WAN"), QStringLiteral("wan"));
    m_start->addItem(tr("Formed (everyone knows everyone)"));
    m_start->addItem(tr("Joining (each node joins n0)"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Nodes"), m_nodes);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Profile"), m_profile);
    form->addRow(tr("Start"), m_start);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

lab::LabSetup NewLabDialog::setup() const
{
    lab::LabSetup s;
    s.nodes = m_nodes->value();
    s.seed = std::uint64_t(m_seed->value());
    s.profile = protocol::parseProfile(m_profile->currentData().toString().toStdString())
                    .value_or(s.profile);
    s.start = m_start->currentIndex() == 0 ? lab::StartMode::Formed : lab::StartMode::Joining;
    return s;
}

} // namespace grapevine::ui
