#include "ui/widgets/value_panel.h"

#include "ui/models/display_format.h"
#include "ui/widgets/elided_label.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {
QLabel *makeLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ValuePanel::ValuePanel(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_set(new QPushButton(tr("Set"), this))
    , m_meterBar(new QProgressBar(this))
    , m_meter(makeLabel("sizeMeter", this))
    , m_error(makeLabel("errorLabel", this))
    , m_current(new ElidedLabel(this))
    , m_full(new QToolButton(this))
    , m_version(makeLabel("versionLabel", this))
    , m_convergence(makeLabel("convergenceLabel", this))
    , m_sync(new QPushButton(tr("Sync now"), this))
{
    m_edit->setObjectName(QStringLiteral("valueEdit"));
    m_edit->setPlaceholderText(tr("Type a value and press Enter"));
    m_set->setObjectName(QStringLiteral("setButton"));
    m_sync->setObjectName(QStringLiteral("syncButton"));
    m_sync->setToolTip(tr("Push/pull full state with a random member now"));
    m_meterBar->setObjectName(QStringLiteral("sizeBar"));
    m_meterBar->setTextVisible(false);
    m_meterBar->setMaximumHeight(6);
    m_error->setStyleSheet(QStringLiteral("color: #d03b3b;"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_current->setObjectName(QStringLiteral("currentValue"));
    QFont big = m_current->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_current->setFont(big);
    m_current->setFullText(tr("(no value yet)"));
    m_full->setObjectName(QStringLiteral("fullValueButton"));
    m_full->setText(tr("Full value…"));
    m_full->setToolTip(tr("Read the whole value (it is longer than the panel is wide, or has "
                          "several lines)"));
    m_full->hide();
    connect(m_current, &ElidedLabel::elisionChanged, m_full, [this](bool elided) {
        m_full->setVisible(elided || m_value.value.contains(QLatin1Char('\n')));
    });
    connect(m_full, &QToolButton::clicked, this, &ValuePanel::showFullValue);
    m_version->setStyleSheet(QStringLiteral("color: palette(mid);"));
    buildLayout();

    connect(m_edit, &QLineEdit::textChanged, this, &ValuePanel::updateMeter);
    connect(m_edit, &QLineEdit::returnPressed, this, &ValuePanel::requestSet);
    connect(m_set, &QPushButton::clicked, this, &ValuePanel::requestSet);
    connect(m_sync, &QPushButton::clicked, this, &ValuePanel::syncRequested);
    updateMeter();
}

void ValuePanel::buildLayout()
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(8, 8, 8, 8);
    auto *editRow = new QHBoxLayout;
    editRow->addWidget(m_edit, 1);
    editRow->addWidget(m_set);
    grid->addLayout(editRow, 0, 0, 1, 2);
    grid->addWidget(m_meterBar, 1, 0);
    grid->addWidget(m_meter, 1, 1, Qt::AlignRight);
    grid->addWidget(m_error, 2, 0, 1, 2);
    grid->addWidget(m_current, 3, 0);
    grid->addWidget(m_full, 3, 1, Qt::AlignRight);
    grid->addWidget(m_version, 4, 0, 1, 2);
    grid->addWidget(m_convergence, 5, 0);
    grid->addWidget(m_sync, 5, 1, Qt::AlignRight);
    grid->setColumnStretch(0, 1);
}

void ValuePanel::setMaxBytes(int maxBytes)
{
    m_maxBytes = qMax(1, maxBytes);
    updateMeter();
}

void ValuePanel::updateMeter()
{
    const int size = int(m_edit->text().toUtf8().size());
    const bool over = size > m_maxBytes;
    m_meter->setText(tr("%1 / %2 bytes").arg(size).arg(m_maxBytes));
    m_meter->setStyleSheet(over ? QStringLiteral("color: #d03b3b; font-weight: bold;") : QString());
    m_meterBar->setRange(0, m_maxBytes);
    m_meterBar->setValue(qMin(size, m_maxBytes));
    m_set->setEnabled(!over && m_inCluster);
    if (over) {
        m_error->setText(tr("Too long: %1 bytes, the limit is %2 bytes (one UDP packet).")
                             .arg(size)
                             .arg(m_maxBytes));
        m_error->show();
    } else {
        m_error->hide();
    }
    fitError();
}

void ValuePanel::requestSet()
{
    if (!m_set->isEnabled())
        return;
    emit setRequested(m_edit->text());
}

void ValuePanel::showValue(const ValueSnapshot &value)
{
    m_value = value;
    m_current->setFullText(value.value.isEmpty() && value.version.isNull() ? tr("(no value yet)")
                                                                           : value.value);
    m_full->setVisible(m_current->isElided() || value.value.contains(QLatin1Char('\n')));
    if (value.version.isNull()) {
        m_version->clear();
        return;
    }
    const QString when =
        QDateTime::fromMSecsSinceEpoch(value.updatedMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    m_version->setText(tr("Lamport %1 · origin %2 · applied %3")
                           .arg(value.version.lamport)
                           .arg(value.version.origin, when));
}

void ValuePanel::showConvergence(const ConvergenceReport &report)
{
    if (report.complete) {
        m_convergence->setText(tr("✓ reached %1/%2 members in %3")
                                   .arg(report.reached)
                                   .arg(report.total)
                                   .arg(elapsedText(report.elapsedUs)));
        m_convergence->setStyleSheet(QStringLiteral("color: #2e9d4f;"));
    } else {
        m_convergence->setText(tr("reaching… %1/%2").arg(report.reached).arg(report.total));
        m_convergence->setStyleSheet(QStringLiteral("color: #e09b14;"));
    }
}

void ValuePanel::showHolders(int holders, int live)
{
    m_convergence->setText(tr("held by %1/%2 live members").arg(holders).arg(live));
    m_convergence->setStyleSheet(holders >= live ? QStringLiteral("color: #2e9d4f;")
                                                 : QStringLiteral("color: #e09b14;"));
}

void ValuePanel::setInCluster(bool inCluster)
{
    m_inCluster = inCluster;
    m_edit->setEnabled(inCluster);
    m_sync->setEnabled(inCluster);
    m_edit->setPlaceholderText(inCluster ? tr("Type a value and press Enter")
                                         : tr("Out of the cluster: Cluster › Join… first"));
    updateMeter();
}

void ValuePanel::showFullValue()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("fullValueDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Shared value — %1").arg(versionText(m_value.version)));
    auto *view = new QPlainTextEdit(m_value.value, dialog);
    view->setObjectName(QStringLiteral("fullValueView"));
    view->setReadOnly(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(view);
    layout->addWidget(buttons);
    dialog->resize(520, 320);
    dialog->show();
}

void ValuePanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    fitError();
}

void ValuePanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitError();
}

void ValuePanel::fitError()
{
    const int margins = layout()->contentsMargins().left() + layout()->contentsMargins().right();
    const int width = qMax(1, contentsRect().width() - margins);
    m_error->setMinimumHeight(m_error->isHidden() ? 0 : m_error->heightForWidth(width));
}

} // namespace grapevine::ui
