// new_lab_dialog.h — File › New lab cluster…: how many nodes (3 … 2,000), the seed, the
// profile (its network defaults) and whether the cluster starts formed or joining.
// Produces the scenario text a LabWindow opens.
#pragma once

#include "core/lab/lab_scenario.h"

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace grapevine::ui {

class NewLabDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewLabDialog(QWidget *parent = nullptr);

    [[nodiscard]] lab::LabSetup setup() const;

private:
    QSpinBox *m_nodes;
    QSpinBox *m_seed;
    QComboBox *m_profile;
    QComboBox *m_start;
};

} // namespace grapevine::ui
