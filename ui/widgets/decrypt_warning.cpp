#include "ui/widgets/decrypt_warning.h"

#include <QMouseEvent>

#include <algorithm>

namespace grapevine::ui {

DecryptWarning::DecryptWarning(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("decryptWarning"));
    // The status bar's warning colour (as the health label's), so it reads as one family.
    setStyleSheet(QStringLiteral("color: #e09b14;"));
    setCursor(Qt::PointingHandCursor);
    setTextFormat(Qt::PlainText);
    hide();
}

DecryptWarning::Counts DecryptWarning::countsFromStats(const NodeStats &stats)
{
    Counts counts;
    if (!stats.traffic)
        return counts;
    const QMap<QString, quint64> &failures = stats.traffic->decryptFailures;
    for (auto it = failures.cbegin(); it != failures.cend(); ++it) {
        if (it.value() > 0)
            counts.insert(it.key(), qint64(it.value()));
    }
    return counts;
}

void DecryptWarning::setCounts(const Counts &perSender)
{
    if (perSender == m_counts)
        return;
    m_counts = perSender;
    m_total = 0;
    for (const qint64 n : perSender)
        m_total += n;
    setText(m_total == 1 ? tr("⚠ 1 packet could not be decrypted")
                         : tr("⚠ %1 packets could not be decrypted").arg(m_total));
    setToolTip(tooltipText());
    setVisible(m_total > 0);
}

QString DecryptWarning::tooltipText() const
{
    QList<QPair<QString, qint64>> senders;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        senders.append({it.key(), it.value()});
    // Most failures first; the address breaks ties so the list does not reshuffle.
    std::stable_sort(senders.begin(), senders.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    QString rows;
    for (qsizetype i = 0; i < senders.size() && i < kMaxListed; ++i)
        rows += QStringLiteral("<tr><td>%1</td><td align=right>&nbsp;&nbsp;%2</td></tr>")
                    .arg(senders[i].first.toHtmlEscaped(), QString::number(senders[i].second));
    if (senders.size() > kMaxListed)
        rows += QStringLiteral("<tr><td colspan=2>%1</td></tr>")
                    .arg(tr("… and %1 more senders").arg(senders.size() - kMaxListed));
    return tr("<b>Could not decrypt, by sender</b>"
              "<table>%1</table>"
              "<p>These senders encrypt with a key this node does not have, or do not encrypt "
              "at all. Give every node the same key (<tt>--key</tt>, or Settings → Encryption "
              "keys, which applies on the next start). A sender that opens TCP streams is "
              "listed once per stream: each comes from a new port.</p><p>Click to show these "
              "packets in the gossip log.</p>")
        .arg(rows);
}

void DecryptWarning::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
    QLabel::mouseReleaseEvent(event);
}

} // namespace grapevine::ui
