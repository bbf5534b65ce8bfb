// decrypt_warning.h — the status bar's "⚠ N packets could not be decrypted". Hidden while
// nothing failed; its tooltip lists the senders (address and count) with a hint about keys,
// and a click asks for those packets in the gossip log. It is fed the node's decrypt failure
// counters (NodeStats), which /v1/stats reports too, so window and HTTP API agree.
// It never sees key material: only sender addresses and counts.
#pragma once

#include "core/node/node_stats.h"

#include <QLabel>
#include <QMap>

namespace grapevine::ui {

class DecryptWarning : public QLabel {
    Q_OBJECT
public:
    using Counts = QMap<QString, qint64>; // sender "host:port" -> packets that failed
    static constexpr int kMaxListed = 10; // senders named in the tooltip

    explicit DecryptWarning(QWidget *parent = nullptr);

    // The senders with at least one failure; none before the node has bound its sockets.
    [[nodiscard]] static Counts countsFromStats(const NodeStats &stats);
    void setCounts(const Counts &perSender);

    [[nodiscard]] Counts counts() const { return m_counts; }
    [[nodiscard]] qint64 total() const { return m_total; }

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    [[nodiscard]] QString tooltipText() const;

    Counts m_counts;
    qint64 m_total = 0;
};

} // namespace grapevine::ui
