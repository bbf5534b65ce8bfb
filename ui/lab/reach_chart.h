// reach_chart.h — a rumor's reach over time: the fraction of live nodes holding the newest
// value after its set (the lab's real run, a step curve) against Serf's convergence model
// for the same N, gossip interval, fanout and loss (a smooth curve), and the time until
// every live node held it.
#pragma once

#include "lab_frame.h"

#include <QWidget>

namespace grapevine::ui {

class ReachChart : public QWidget {
    Q_OBJECT
public:
    explicit ReachChart(QWidget *parent = nullptr);

    void setRumor(const LabRumor &rumor);
    // The model's inputs, from the latest frame.
    void setModel(int liveNodes, double intervalS, int fanout, double loss);

    [[nodiscard]] QString summary() const; // "all 50 held it after 231 ms (Serf model: …)"
    // Seconds after the set at which Serf's model reaches `fraction` of the cluster.
    [[nodiscard]] double modelSecondsTo(double fraction) const;
    [[nodiscard]] QSize sizeHint() const override { return {420, 220}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    [[nodiscard]] double spanSeconds() const;

    LabRumor m_rumor;
    int m_live = 0;
    double m_intervalS = 0.2;
    int m_fanout = 3;
    double m_loss = 0;
};

} // namespace grapevine::ui
