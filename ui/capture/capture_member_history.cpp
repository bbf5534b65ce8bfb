#include "ui/capture/capture_member_history.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {

QString clockText(qint64 timeNs)
{
    return QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000, Qt::UTC)
        .toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString changeText(const capture::MemberChange &change)
{
    return QString::fromLatin1(capture::memberStateName(change.member.state));
}

// One sentence on where the member stands, from its last change and the one before it.
QString summarize(const QString &name, const std::vector<capture::MemberChange> &story)
{
    if (story.empty())
        return CaptureMemberHistory::tr("The capture does not name %1 by this time.").arg(name);
    const capture::MemberChange &last = story.back();
    QString text = CaptureMemberHistory::tr("%1 is %2 at incarnation %3 since %4 (frame %5)")
                       .arg(name, changeText(last), QString::number(last.member.incarnation),
                            clockText(last.timeNs), QString::number(last.frame));
    if (story.size() >= 2) {
        const capture::MemberChange &before = story[story.size() - 2];
        const double seconds = double(last.timeNs - before.timeNs) / 1e9;
        text += CaptureMemberHistory::tr(", %1 s after it was %2 at incarnation %3")
                    .arg(seconds, 0, 'f', 1)
                    .arg(changeText(before))
                    .arg(before.member.incarnation);
    }
    return text + (story.size() == 1
                       ? CaptureMemberHistory::tr("; its only change seen.")
                       : CaptureMemberHistory::tr("; %1 changes seen.").arg(story.size()));
}

} // namespace

CaptureMemberHistory::CaptureMemberHistory(QWidget *parent)
    : QWidget(parent)
    , m_sentence(new QLabel(tr("Select a member to see what the capture says about it.")))
    , m_table(new QTableWidget(0, 4))
{
    setObjectName(QStringLiteral("captureMemberHistory"));
    m_sentence->setObjectName(QStringLiteral("captureMemberSentence"));
    m_sentence->setWordWrap(true);
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("captureMemberHistoryTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Time (UTC)"), tr("State"), tr("Incarnation"), tr("Frame")});
    m_table->horizontalHeaderItem(3)->setToolTip(
        tr("The capture's frame that carried the claim (as Wireshark numbers it)"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sentence);
    layout->addWidget(m_table, 1);
}

void CaptureMemberHistory::show(const CapturePlayback &playback, const QString &name, qint64 timeNs)
{
    m_member = name;
    m_table->setRowCount(0);
    if (name.isEmpty()) {
        m_sentence->setText(tr("Select a member to see what the capture says about it."));
        return;
    }
    const std::vector<capture::MemberChange> story = playback.changesOf(name, timeNs);
    m_table->setRowCount(int(story.size()));
    for (int row = 0; row < int(story.size()); ++row) {
        const capture::MemberChange &change = story[std::size_t(row)];
        const QStringList cells{
            clockText(change.timeNs),
            change.joined ? tr("%1 (first seen)").arg(changeText(change)) : changeText(change),
            QString::number(change.member.incarnation), QString::number(change.frame)};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_table->scrollToBottom();
    m_sentence->setText(summarize(name, story));
}

int CaptureMemberHistory::rowCount() const
{
    return m_table->rowCount();
}

QString CaptureMemberHistory::sentence() const
{
    return m_sentence->text();
}

} // namespace grapevine::ui
