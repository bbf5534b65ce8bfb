// value_history_dialog.h — the "Value history" window: the values seen here, who set each
// and when, and "Set again" for the selected one (a new set, with a new version).
#pragma once

#include <QDialog>

class QPushButton;
class QTableView;

namespace grapevine::ui {

class ValueHistoryModel;

class ValueHistoryDialog : public QDialog {
    Q_OBJECT
public:
    ValueHistoryDialog(ValueHistoryModel *model, QWidget *parent = nullptr);

    void setCanSet(bool canSet); // false while out of the cluster

signals:
    void setAgainRequested(const QString &value);

private:
    void setSelectedAgain();
    void updateButton();

    ValueHistoryModel *m_model;
    QTableView *m_table;
    QPushButton *m_setAgain;
    bool m_canSet = true;
};

} // namespace grapevine::ui
