#include "ui/dialogs/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace grapevine::ui {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_original(settings)
    , m_name(new QLineEdit(settings.name, this))
    , m_bind(new QLineEdit(settings.bind, this))
    , m_profile(new QComboBox(this))
    , m_label(new QLineEdit(settings.label, this))
    , m_plain(
          new QCheckBox(tr("Also send values as plain text (for plain memberlist programs)"), this))
    , m_logSize(new QSpinBox(this))
    , m_keys(new QListWidget(this))
    , m_keyEdit(new QLineEdit(this))
    , m_keysNote(new QLabel(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("default: the host name"));
    m_name->setToolTip(tr("Each window is named PREFIX-PORT (e.g. lab-7946), so windows on one "
                          "computer never share a name. --name NAME sets an exact name."));
    m_bind->setObjectName(QStringLiteral("bindEdit"));
    m_bind->setPlaceholderText(QStringLiteral("0.0.0.0:7946"));
    m_profile->setObjectName(QStringLiteral("profileCombo"));
    m_profile->addItems({QStringLiteral("local"), QStringLiteral("lan"), QStringLiteral("wan")});
    m_profile->setCurrentText(settings.profile);
    m_label->setObjectName(QStringLiteral("labelEdit"));
    m_plain->setObjectName(QStringLiteral("plainValuesCheck"));
    m_plain->setChecked(settings.plainValues);
    m_logSize->setObjectName(QStringLiteral("logSizeSpin"));
    m_logSize->setRange(AppSettings::kMinLogSize, AppSettings::kMaxLogSize);
    m_logSize->setSingleStep(1000);
    m_logSize->setValue(settings.logSize);
    m_logSize->setSuffix(tr(" packets"));
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #d03b3b;"));
    buildLayout();
}

void SettingsDialog::buildLayout()
{
    auto *form = new QFormLayout;
    form->addRow(tr("Node &name prefix:"), m_name);
    form->addRow(tr("&Bind address:"), m_bind);
    form->addRow(tr("&Profile:"), m_profile);
    form->addRow(tr("Cluster &label:"), m_label);
    form->addRow(QString(), m_plain);
    form->addRow(tr("Encryption &keys:"), buildKeys());
    form->addRow(tr("&Log size:"), m_logSize);
    auto *note = new QLabel(tr("These settings are shared by every Grapevine window on this "
                               "computer and apply to windows started from now on; this "
                               "window's node keeps its options until it restarts. Options "
                               "given on the command line win (keys given with --key or "
                               "--key-file replace the keys here)."),
                            this);
    note->setWordWrap(true);
    note->setObjectName(QStringLiteral("noteLabel"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

QWidget *SettingsDialog::buildKeys()
{
    auto *box = new QWidget(this);
    m_keys->setObjectName(QStringLiteral("keysList"));
    for (const QString &key : std::as_const(m_original.keys))
        addKeyItem(key);
    m_keys->setMaximumHeight(90);
    m_keys->setToolTip(tr("The first key encrypts; every key decrypts. Each key is shown by "
                          "its size and the start of its SHA-256, to compare between nodes."));
    m_keysNote->setObjectName(QStringLiteral("keysNote"));
    m_keysNote->setWordWrap(true);
    relabelKeys();
    m_keyEdit->setObjectName(QStringLiteral("keyEdit"));
    m_keyEdit->setPlaceholderText(tr("base64 of 16, 24 or 32 bytes"));
    m_keyEdit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    auto *install = new QPushButton(tr("Install"), box);
    install->setObjectName(QStringLiteral("installKeyButton"));
    auto *primary = new QPushButton(tr("Make primary"), box);
    primary->setObjectName(QStringLiteral("primaryKeyButton"));
    auto *remove = new QPushButton(tr("Remove"), box);
    remove->setObjectName(QStringLiteral("removeKeyButton"));
    connect(install, &QPushButton::clicked, this, &SettingsDialog::installKey);
    auto *generate = new QPushButton(tr("Generate"), box);
    generate->setObjectName(QStringLiteral("generateKeyButton"));
    generate->setToolTip(tr("A new random AES-256 key, shown so you can copy it to the other "
                            "nodes; Install adds it here."));
    connect(generate, &QPushButton::clicked, this, &SettingsDialog::generateKey);
    connect(primary, &QPushButton::clicked, this, &SettingsDialog::makePrimary);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::removeKey);

    auto *row = new QHBoxLayout;
    row->addWidget(m_keyEdit, 1);
    row->addWidget(generate);
    row->addWidget(install);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(primary);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_keys);
    layout->addWidget(m_keysNote);
    layout->addLayout(buttons);
    layout->addLayout(row);
    return box;
}

void SettingsDialog::addKeyItem(const QString &key)
{
    auto *item = new QListWidgetItem(m_keys);
    item->setData(Qt::UserRole, key.trimmed());
}

// Rows show a fingerprint, never the key: the dialog may end up in a screenshot.
void SettingsDialog::relabelKeys()
{
    for (int i = 0; i < m_keys->count(); ++i) {
        QListWidgetItem *item = m_keys->item(i);
        const QString print = AppSettings::keyFingerprint(item->data(Qt::UserRole).toString());
        item->setText(i == 0 ? tr("%1   (primary: encrypts)").arg(print) : print);
    }
    m_keysNote->setText(m_keys->count() == 0
                            ? tr("No keys: this node neither encrypts nor decrypts, and an "
                                 "encrypted cluster will not let it in.")
                            : QString());
    m_keysNote->setVisible(m_keys->count() == 0);
}

bool SettingsDialog::hasKey(const QString &key) const
{
    for (int i = 0; i < m_keys->count(); ++i) {
        if (m_keys->item(i)->data(Qt::UserRole).toString() == key)
            return true;
    }
    return false;
}

void SettingsDialog::installKey()
{
    const QString key = m_keyEdit->text().trimmed();
    if (const QString problem = AppSettings::keyProblem(key); !problem.isEmpty()) {
        showMessage(problem);
        return;
    }
    if (hasKey(key)) {
        showMessage(tr("That key is already installed."));
        return;
    }
    addKeyItem(key);
    m_keyEdit->clear();
    m_keyEdit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    relabelKeys();
    showMessage({});
}

void SettingsDialog::generateKey()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
    m_keyEdit->setEchoMode(QLineEdit::Normal); // to be copied to the other nodes
    m_keyEdit->setText(QString::fromLatin1(key.toBase64()));
    m_keyEdit->selectAll();
    showMessage(tr("A new AES-256 key: copy it to every node of the cluster, then Install."));
}

void SettingsDialog::makePrimary()
{
    const int row = m_keys->currentRow();
    if (row < 0) {
        showMessage(tr("Select the key to make primary."));
        return;
    }
    m_keys->insertItem(0, m_keys->takeItem(row));
    m_keys->setCurrentRow(0);
    relabelKeys();
    showMessage({});
}

void SettingsDialog::removeKey()
{
    const int row = m_keys->currentRow();
    if (row < 0) {
        showMessage(tr("Select the key to remove."));
        return;
    }
    delete m_keys->takeItem(row);
    relabelKeys();
    showMessage({});
}

void SettingsDialog::showMessage(const QString &text)
{
    m_message->setText(text);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_original;
    s.name = m_name->text().trimmed();
    s.bind = m_bind->text().trimmed();
    s.profile = m_profile->currentText();
    s.label = m_label->text();
    s.plainValues = m_plain->isChecked();
    s.logSize = m_logSize->value();
    s.keys.clear();
    for (int i = 0; i < m_keys->count(); ++i)
        s.keys << m_keys->item(i)->data(Qt::UserRole).toString();
    return s;
}

void SettingsDialog::accept()
{
    const QString bind = m_bind->text().trimmed();
    if (!bind.isEmpty()) {
        const qsizetype colon = bind.lastIndexOf(QLatin1Char(':'));
        bool portOk = false;
        const int port = colon > 0 ? bind.mid(colon + 1).toInt(&portOk) : 0;
        QString host = colon > 0 ? bind.left(colon) : QString();
        host.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        if (!portOk || port < 0 || port > 65535 || QHostAddress(host).isNull()) {
            showMessage(tr("The bind address must be IP:PORT, e.g. 0.0.0.0:7946."));
            return;
        }
    }
    if (m_label->text().toUtf8().size() > 255) {
        showMessage(tr("The label can be at most 255 bytes."));
        return;
    }
    QDialog::accept();
}

} // namespace grapevine::ui
