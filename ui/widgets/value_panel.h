// value_panel.h — the shared value: an editor with a byte-size meter (the limit is the
// Node's maxValueBytes), the current value with its version and time, the convergence
// timer, and "Sync now". Emits requests; never talks to the Node itself.
#pragma once

#include "core/node/node_types.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QToolButton;
class QPushButton;

namespace grapevine::ui {

class ElidedLabel;

class ValuePanel : public QWidget {
    Q_OBJECT
public:
    explicit ValuePanel(QWidget *parent = nullptr);

    void setMaxBytes(int maxBytes);
    void showValue(const ValueSnapshot &value);
    void showConvergence(const ConvergenceReport &report);
    void showError(const QString &message);
    // For a value set elsewhere (no convergence report here): how many live members hold it.
    void showHolders(int holders, int live);
    // Out of the cluster (not started, or left), setting and syncing cannot work: both are
    // disabled and the editor says why.
    void setInCluster(bool inCluster);

    [[nodiscard]] int maxBytes() const { return m_maxBytes; }
    [[nodiscard]] QString currentValue() const { return m_value.value; }
    // The whole value in a window of its own, for values too long for one line.
    void showFullValue();

signals:
    void setRequested(const QString &value);
    void syncRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // A wrapped error needs more lines when the panel is narrow; its minimum grows to what
    // the current width needs, so the splitter makes room instead of cutting lines off.
    void fitError();
    void buildLayout();
    void updateMeter();
    void requestSet();

    int m_maxBytes = 512;
    bool m_inCluster = true;
    QLineEdit *m_edit;
    QPushButton *m_set;
    QProgressBar *m_meterBar;
    QLabel *m_meter;
    QLabel *m_error;
    ElidedLabel *m_current;
    QToolButton *m_full;
    ValueSnapshot m_value;
    QLabel *m_version;
    QLabel *m_convergence;
    QPushButton *m_sync;
};

} // namespace grapevine::ui
