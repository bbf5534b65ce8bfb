#include "ui/dialogs/value_history_dialog.h"

#include "ui/models/value_history_model.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace grapevine::ui {

ValueHistoryDialog::ValueHistoryDialog(ValueHistoryModel *model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_setAgain(new QPushButton(tr("Set again"), this))
{
    setWindowTitle(tr("Value history"));
    setObjectName(QStringLiteral("valueHistoryDialog"));
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_setAgain->setObjectName(QStringLiteral("setAgainButton"));
    m_setAgain->setToolTip(tr("Make the selected value current again (a new set: it gets a "
                              "new version and spreads like any other)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_setAgain, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_setAgain, &QPushButton::clicked, this, &ValueHistoryDialog::setSelectedAgain);
    connect(m_table, &QTableView::doubleClicked, this, &ValueHistoryDialog::setSelectedAgain);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ValueHistoryDialog::updateButton);
    updateButton();
    resize(620, 360);
}

void ValueHistoryDialog::setCanSet(bool canSet)
{
    m_canSet = canSet;
    updateButton();
}

void ValueHistoryDialog::updateButton()
{
    m_setAgain->setEnabled(m_canSet && m_table->selectionModel()->hasSelection());
}

void ValueHistoryDialog::setSelectedAgain()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!m_canSet || rows.isEmpty())
        return;
    emit setAgainRequested(m_model->valueAt(rows.front().row()).value);
}

} // namespace grapevine::ui
