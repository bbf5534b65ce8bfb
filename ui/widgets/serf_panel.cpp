#include "ui/widgets/serf_panel.h"

#include "ui/models/display_format.h"

#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace grapevine::ui {

QString tagsText(const QMap<QString, QString> &tags)
{
    QStringList parts;
    for (auto it = tags.begin(); it != tags.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QStringLiteral(", "));
}

SerfPanel::SerfPanel(QWidget *parent)
    : QWidget(parent)
    , m_tags(new QTableWidget(0, 2, this))
    , m_keys(new QListWidget(this))
    , m_member(new QLabel(this))
    , m_events(new QListWidget(this))
{
    m_keys->setObjectName(QStringLiteral("serfKeyring"));
    m_member->setObjectName(QStringLiteral("serfMemberDetails"));
    m_member->setWordWrap(true);
    m_member->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_member->setText(tr("Select a member to see its tags and coordinate."));
    m_events->setObjectName(QStringLiteral("serfEvents"));

    auto *keysBox = new QGroupBox(tr("Keyring"), this);
    auto *keysLayout = new QVBoxLayout(keysBox);
    keysLayout->addWidget(m_keys);
    auto *memberBox = new QGroupBox(tr("Selected member"), this);
    auto *memberLayout = new QVBoxLayout(memberBox);
    memberLayout->addWidget(m_member);
    auto *eventsBox = new QGroupBox(tr("Serf events and queries"), this);
    auto *eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->addWidget(m_events);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildTagEditor());
    layout->addWidget(memberBox);
    layout->addWidget(keysBox);
    layout->addWidget(eventsBox, 1);
    setKeyring({});
}

QWidget *SerfPanel::buildTagEditor()
{
    auto *box = new QGroupBox(tr("This node's tags"), this);
    m_tags->setObjectName(QStringLiteral("serfTagEditor"));
    m_tags->setHorizontalHeaderLabels({tr("Tag"), tr("Value")});
    m_tags->horizontalHeader()->setStretchLastSection(true);
    m_tags->verticalHeader()->hide();
    m_tags->setMaximumHeight(140);
    auto *add = new QPushButton(tr("Add"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    auto *apply = new QPushButton(tr("Apply"), box);
    apply->setObjectName(QStringLiteral("serfApplyTags"));
    connect(add, &QPushButton::clicked, this, [this] {
        addTagRow({}, {});
        m_tags->editItem(m_tags->item(m_tags->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_tags->currentRow() >= 0)
            m_tags->removeRow(m_tags->currentRow());
    });
    connect(apply, &QPushButton::clicked, this, [this] { emit tagsChangeRequested(editedTags()); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(apply);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_tags);
    layout->addLayout(buttons);
    return box;
}

void SerfPanel::addTagRow(const QString &key, const QString &value)
{
    const int row = m_tags->rowCount();
    m_tags->insertRow(row);
    m_tags->setItem(row, 0, new QTableWidgetItem(key));
    m_tags->setItem(row, 1, new QTableWidgetItem(value));
}

void SerfPanel::setTags(const QMap<QString, QString> &tags)
{
    m_tags->setRowCount(0);
    for (auto it = tags.begin(); it != tags.end(); ++it)
        addTagRow(it.key(), it.value());
}

QMap<QString, QString> SerfPanel::editedTags() const
{
    QMap<QString, QString> tags;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const QString key =
            m_tags->item(row, 0) ? m_tags->item(row, 0)->text().trimmed() : QString();
        if (!key.isEmpty())
            tags.insert(key, m_tags->item(row, 1) ? m_tags->item(row, 1)->text() : QString());
    }
    return tags;
}

void SerfPanel::setKeyring(const QStringList &keys)
{
    m_keys->clear();
    if (keys.isEmpty()) {
        m_keys->addItem(tr("(no encryption)"));
        return;
    }
    for (int i = 0; i < keys.size(); ++i)
        m_keys->addItem(i == 0 ? tr("%1  (primary)").arg(keys[i]) : keys[i]);
}

void SerfPanel::addNotice(const SerfNoticeInfo &notice)
{
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    m_events->addItem(QStringLiteral("%1  %2").arg(time, notice.text));
    while (m_events->count() > kMaxEvents)
        delete m_events->takeItem(0);
    m_events->scrollToBottom();
}

void SerfPanel::showMember(const MemberSnapshot &m)
{
    m_memberName = m.name;
    QStringList lines{QStringLiteral("<b>%1</b>").arg(m.name.toHtmlEscaped())};
    lines << (m.hasTags ? tr("Tags: %1").arg(tagsText(m.tags).toHtmlEscaped())
                        : tr("Tags: none (metadata is not Serf tags)"));
    if (m.coordinate.isEmpty()) {
        lines << tr("Coordinate: not received yet");
    } else {
        QStringList vec;
        for (double v : m.coordinate)
            vec << QString::number(v * 1000.0, 'g', 3);
        lines << tr("Coordinate (ms): [%1]").arg(vec.join(QStringLiteral(", ")));
    }
    if (m.estimatedRttUs >= 0)
        lines << tr("Estimated RTT (Vivaldi): %1").arg(elapsedText(m.estimatedRttUs));
    if (m.rttUs >= 0)
        lines << tr("Measured RTT (last probe): %1").arg(elapsedText(m.rttUs));
    m_member->setText(lines.join(QStringLiteral("<br>")));
}

} // namespace grapevine::ui
