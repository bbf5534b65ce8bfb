#include "ui/capture/tap_dialog.h"

#include "core/capture/capture_interfaces.h"
#include "core/capture/live_tap.h"
#include "core/node/node_options.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {

enum Column { NameColumn, AddressColumn, DescriptionColumn };

QString addressText(const capture::CaptureInterface &device)
{
    QStringList addresses;
    for (const std::string &address : device.addresses)
        addresses << QString::fromStdString(address);
    return addresses.join(QStringLiteral(", "));
}

QString descriptionText(const capture::CaptureInterface &device)
{
    QStringList parts;
    if (device.loopback)
        parts << TapDialog::tr("loopback");
    if (!device.up)
        parts << TapDialog::tr("down");
    if (!device.description.empty())
        parts << QString::fromStdString(device.description);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

TapDialog::TapDialog(const QStringList &rememberedKeys, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tapDialog"));
    setWindowTitle(tr("Tap an interface"));
    buildLayout(rememberedKeys);
    listInterfaces();
    resize(640, 520);
}

void TapDialog::buildLayout(const QStringList &rememberedKeys)
{
    auto *intro = new QLabel(tr("Follow a cluster live without joining it: Grapevine captures "
                                "the gossip port on one interface and sends nothing."));
    intro->setWordWrap(true);
    m_interfaces = new QTreeWidget;
    m_interfaces->setObjectName(QStringLiteral("tapInterfaceList"));
    m_interfaces->setHeaderLabels({tr("Interface"), tr("Addresses"), tr("Description")});
    m_interfaces->setRootIsDecorated(false);
    m_interfaces->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ports = new QLineEdit(QStringLiteral("7946"));
    m_ports->setObjectName(QStringLiteral("tapPortsEdit"));
    m_ports->setToolTip(tr("One or more ports, separated by commas or spaces (memberlist's "
                           "default is 7946; Serf's LAN pool 7946, its WAN pool 7947)"));
    m_keys = new QPlainTextEdit(rememberedKeys.join(QLatin1Char('\n')));
    m_keys->setObjectName(QStringLiteral("tapKeysEdit"));
    m_keys->setPlaceholderText(tr("Optional: one base64 key per line, to decrypt"));
    m_keys->setMaximumHeight(72);
    m_keyFile = new QLineEdit;
    m_keyFile->setObjectName(QStringLiteral("tapKeyFileEdit"));
    m_keyFile->setPlaceholderText(tr("Optional: a file with one base64 key per line"));
    auto *browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, &TapDialog::chooseKeyFile);
    auto *keyFileRow = new QHBoxLayout;
    keyFileRow->addWidget(m_keyFile);
    keyFileRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Gossip &ports:"), m_ports);
    form->addRow(tr("&Keys:"), m_keys);
    auto *keyFileLabel = new QLabel(tr("Key &file:"));
    keyFileLabel->setBuddy(m_keyFile); // a row of two widgets has no buddy of its own
    form->addRow(keyFileLabel, keyFileRow);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("tapMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Open)->setObjectName(QStringLiteral("tapOpenButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TapDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TapDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_interfaces, 1);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

void TapDialog::listInterfaces()
{
    auto devices = capture::listCaptureInterfaces();
    if (!devices) {
        showError(QString::fromStdString(devices.error().message));
        return;
    }
    for (const capture::CaptureInterface &device : *devices) {
        auto *item = new QTreeWidgetItem(m_interfaces);
        item->setText(NameColumn, QString::fromStdString(device.name));
        item->setText(AddressColumn, addressText(device));
        item->setText(DescriptionColumn, descriptionText(device));
    }
    if (m_interfaces->topLevelItemCount() > 0)
        m_interfaces->setCurrentItem(m_interfaces->topLevelItem(0));
}

bool TapDialog::selectInterface(const QString &name)
{
    const QList<QTreeWidgetItem *> found =
        m_interfaces->findItems(name, Qt::MatchExactly, NameColumn);
    if (found.isEmpty())
        return false;
    m_interfaces->setCurrentItem(found.first());
    return true;
}

QStringList TapDialog::interfaceNames() const
{
    QStringList names;
    for (int i = 0; i < m_interfaces->topLevelItemCount(); ++i)
        names << m_interfaces->topLevelItem(i)->text(NameColumn);
    return names;
}

QString TapDialog::interfaceName() const
{
    const QTreeWidgetItem *item = m_interfaces->currentItem();
    return item ? item->text(NameColumn) : QString();
}

QString TapDialog::message() const
{
    return m_message->text();
}

void TapDialog::chooseKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Key file"));
    if (!path.isEmpty())
        m_keyFile->setText(path);
}

bool TapDialog::readPorts(std::set<std::uint16_t> *ports, QString *error) const
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    const QStringList texts = m_ports->text().split(separators, Qt::SkipEmptyParts);
    if (texts.isEmpty()) {
        *error = tr("Give at least one gossip port (memberlist's default is 7946).");
        return false;
    }
    for (const QString &text : texts) {
        bool ok = false;
        const uint port = text.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            *error = tr("Port \"%1\" is not a port number: ports are 1 to 65535.").arg(text);
            return false;
        }
        ports->insert(std::uint16_t(port));
    }
    return true;
}

// The same checks and messages as --key and --key-file (core/node/node_options).
bool TapDialog::readKeys(wire::Keyring *keyring, QString *error) const
{
    QByteArrayList keys;
    const QStringList lines = m_keys->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    int number = 0;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        if (!decodeKey(line, tr("Key %1").arg(++number), &keys, error))
            return false;
    }
    const QString path = m_keyFile->text().trimmed();
    if (!path.isEmpty() && !readKeyFile(path, tr("Key file"), &keys, error))
        return false;
    for (const QByteArray &key : keys)
        (void)keyring->addKey(wire::Bytes(key.begin(), key.end()));
    return true;
}

// Opens the tap once and closes it: a missing capture right, a down or vanished interface
// is said here, where the user can still pick another, rather than in an empty window.
bool TapDialog::tryTap(QString *error) const
{
    auto tap = capture::LiveTap::open(interfaceName().toStdString(), m_options.ports, "grapevine");
    if (!tap)
        *error = QString::fromStdString(tap.error().message);
    return bool(tap);
}

void TapDialog::accept()
{
    QString error;
    capture::DecodeOptions options;
    if (interfaceName().isEmpty()) {
        showError(tr("Choose an interface to tap."));
        return;
    }
    if (!readPorts(&options.ports, &error) || !readKeys(&options.keyring, &error)) {
        showError(error);
        return;
    }
    m_options = std::move(options);
    if (!tryTap(&error)) {
        showError(error);
        return;
    }
    m_message->clear();
    QDialog::accept();
}

void TapDialog::showError(const QString &text)
{
    m_message->setText(text);
}

} // namespace grapevine::ui
