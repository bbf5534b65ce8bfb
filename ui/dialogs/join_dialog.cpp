#include "ui/dialogs/join_dialog.h"

#include "ui/dialogs/join_targets.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {
const QString kRed = QStringLiteral("#d03b3b");
const QString kGreen = QStringLiteral("#2e9d4f");
const QString kOrange = QStringLiteral("#b86e00");

QString membersText(int n)
{
    return n == 1 ? JoinDialog::tr("1 member") : JoinDialog::tr("%1 members").arg(n);
}
} // namespace

JoinDialog::JoinDialog(const QStringList &recentPeers, const QMap<QString, QString> &names,
                       QWidget *parent)
    : QDialog(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(QStringLiteral("7946"), this))
    , m_message(new QLabel(this))
    , m_recent(new QListWidget(this))
    , m_join(new QPushButton(tr("Join"), this))
    , m_cancel(new QPushButton(tr("Cancel join"), this))
{
    setWindowTitle(tr("Join a cluster"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("127.0.0.1:7946, [::1]:7946 or node-2.lan"));
    m_host->setToolTip(tr("One or several members of the cluster: HOST:PORT, [IPv6]:PORT, or a "
                          "host alone (then the default port is used). Separate several with "
                          "commas, spaces or new lines; every one that answers is joined."));
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_port->setToolTip(tr("Used for addresses written without a port."));
    m_port->setMaximumWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("0000000")) +
                            16);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recent->setObjectName(QStringLiteral("recentList"));
    for (const QString &peer : recentPeers) {
        const QString seen = names.value(peer);
        auto *item = new QListWidgetItem(seen.isEmpty() ? peer : tr("%1 — %2").arg(peer, seen));
        item->setData(Qt::UserRole, peer);
        m_recent->addItem(item);
    }
    m_recent->setMaximumHeight(110);
    m_join->setObjectName(QStringLiteral("joinButton"));
    m_join->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelJoinButton"));
    m_cancel->setEnabled(false);
    buildLayout();
    setMinimumWidth(420);
}

void JoinDialog::buildLayout()
{
    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_host);
    form->addRow(tr("Default &port:"), m_port);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_join, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Recent peers (double-click to join):"), this));
    layout->addWidget(m_recent);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &JoinDialog::reject);
    connectSignals();
}

void JoinDialog::connectSignals()
{
    connect(m_join, &QPushButton::clicked, this, &JoinDialog::requestJoin);
    connect(m_cancel, &QPushButton::clicked, this, &JoinDialog::requestCancel);
    connect(m_recent, &QListWidget::itemClicked, this, &JoinDialog::pickRecent);
    connect(m_recent, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        pickRecent(item);
        requestJoin();
    });
}

void JoinDialog::requestJoin()
{
    if (m_joining)
        return;
    const JoinTargets parsed = parseJoinTargets(m_host->text(), m_port->text());
    if (!parsed.ok()) {
        showMessage(parsed.error, kRed);
        return;
    }
    setJoining(true);
    showMessage(tr("Joining %1…").arg(parsed.targets.join(QStringLiteral(", "))), QString());
    emit joinRequested(parsed.targets);
}

void JoinDialog::requestCancel()
{
    if (!m_joining)
        return;
    m_cancel->setEnabled(false);
    showMessage(tr("Cancelling…"), QString());
    emit cancelRequested();
}

void JoinDialog::setJoining(bool joining)
{
    m_joining = joining;
    m_join->setEnabled(!joining);
    m_cancel->setEnabled(joining);
}

void JoinDialog::showResult(const JoinResult &result)
{
    setJoining(false);
    QString color;
    const QString text = resultText(result, &color);
    showMessage(text, color);
}

QString JoinDialog::resultText(const JoinResult &result, QString *color)
{
    if (result.ok) {
        *color = kGreen;
        return tr("Joined: %1").arg(membersText(result.members));
    }
    switch (result.outcome) {
    case JoinOutcome::OwnAddress:
        *color = kOrange;
        return tr("%1 is this window's own node: nothing to join. Enter the address of another "
                  "node (its title bar shows it).")
            .arg(result.target);
    case JoinOutcome::NameConflict:
        *color = kRed;
        return tr("Name conflict: %1").arg(result.error);
    case JoinOutcome::Cancelled:
        *color = QString();
        return tr("Join cancelled.");
    case JoinOutcome::Joined:
    case JoinOutcome::Failed:
        break;
    }
    *color = kRed;
    return tr("Could not join %1: %2").arg(result.target, result.error);
}

void JoinDialog::pickRecent(QListWidgetItem *item)
{
    const QString target = item->data(Qt::UserRole).toString();
    QString host;
    QString port;
    if (target.contains(QLatin1Char(',')) || !splitJoinTarget(target, &host, &port) ||
        port.isEmpty()) {
        m_host->setText(target); // several targets: the field takes them as they are
        return;
    }
    m_host->setText(host);
    m_port->setText(port);
}

void JoinDialog::showMessage(const QString &text, const QString &color)
{
    m_message->setText(text);
    m_message->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

QString JoinDialog::message() const
{
    return m_message->text();
}

} // namespace grapevine::ui
