#include "join_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {
bool isHostName(const QString &host)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$)"));
    // All-numeric dotted names are malformed IPv4 addresses, not host names.
    static const QRegularExpression numeric(QStringLiteral(R"(^[0-9.]+$)"));
    return re.match(host).hasMatch() && !numeric.match(host).hasMatch();
}
} // namespace

JoinDialog::JoinDialog(const QStringList &recentPeers, QWidget *parent)
    : QDialog(parent)
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(QStringLiteral("7946"), this))
    , m_message(new QLabel(this))
    , m_recent(new QListWidget(this))
    , m_join(new QPushButton(tr("Join"), this))
{
    setWindowTitle(tr("Join a cluster"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("IP address or host name, e.g. 192.168.1.20"));
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_recent->setObjectName(QStringLiteral("recentList"));
    m_recent->addItems(recentPeers);
    m_recent->setMaximumHeight(110);
    m_join->setObjectName(QStringLiteral("joinButton"));
    m_join->setDefault(true);
    buildLayout();
}

void JoinDialog::buildLayout()
{
    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_join, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Recent peers (double-click to use):"), this));
    layout->addWidget(m_recent);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &JoinDialog::reject);
    connectSignals();
}

void JoinDialog::connectSignals()
{
    connect(m_join, &QPushButton::clicked, this, &JoinDialog::requestJoin);
    connect(m_recent, &QListWidget::itemClicked, this, &JoinDialog::pickRecent);
    connect(m_recent, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        pickRecent(item);
        requestJoin();
    });
}

bool JoinDialog::validate(const QString &host, const QString &port, QString *hostPort,
                          QString *error)
{
    const QString h = host.trimmed();
    if (h.isEmpty()) {
        *error = tr("Enter the host name or IP address of a cluster member.");
        return false;
    }
    QHostAddress address;
    const bool isIp = address.setAddress(h);
    if (!isIp && !isHostName(h)) {
        *error = tr("“%1” is not a valid IP address or host name.").arg(h);
        return false;
    }
    bool ok = false;
    const int p = port.trimmed().toInt(&ok);
    if (!ok || p < 1 || p > 65535) {
        *error = tr("The port must be a number from 1 to 65535 (got “%1”).").arg(port.trimmed());
        return false;
    }
    const bool v6 = isIp && address.protocol() == QAbstractSocket::IPv6Protocol;
    *hostPort =
        v6 ? QStringLiteral("[%1]:%2").arg(h).arg(p) : QStringLiteral("%1:%2").arg(h).arg(p);
    return true;
}

void JoinDialog::requestJoin()
{
    if (m_joining)
        return;
    QString hostPort;
    QString error;
    if (!validate(m_host->text(), m_port->text(), &hostPort, &error)) {
        showMessage(error, QStringLiteral("#d03b3b"));
        return;
    }
    m_joining = true;
    m_join->setEnabled(false);
    showMessage(tr("Joining %1…").arg(hostPort), QString());
    emit joinRequested(hostPort);
}

void JoinDialog::showResult(const JoinResult &result)
{
    m_joining = false;
    m_join->setEnabled(true);
    if (result.ok)
        showMessage((result.members == 1 ? tr("Joined: 1 member")
                                         : tr("Joined: %1 members").arg(result.members)),
                    QStringLiteral("#2e9d4f"));
    else
        showMessage(tr("Could not join %1: %2").arg(result.target, result.error),
                    QStringLiteral("#d03b3b"));
}

void JoinDialog::pickRecent(QListWidgetItem *item)
{
    const QString text = item->text();
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    m_host->setText(host);
    m_port->setText(text.mid(colon + 1));
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
