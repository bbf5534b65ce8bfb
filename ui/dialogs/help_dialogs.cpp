#include "ui/dialogs/help_dialogs.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace grapevine::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HelpDialogs", text);
}

QDialog *makeDialog(QWidget *parent, const char *name, const QString &title, QWidget **body)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QLatin1String(name));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    (*body)->setParent(dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(*body);
    layout->addWidget(buttons);
    return dialog;
}

// "Cluster › Join…": where an action lives, as a person finds it.
QString menuPath(const QAction *action)
{
    QStringList path{action->text().remove(QLatin1Char('&'))};
    for (QObject *p = action->parent(); p; p = p->parent()) {
        if (const auto *menu = qobject_cast<QMenu *>(p))
            path.prepend(menu->title().remove(QLatin1Char('&')));
    }
    return path.join(QStringLiteral(" › "));
}

} // namespace

void showUserGuide(QWidget *parent)
{
    QFile file(QStringLiteral(":/docs/user-guide.md"));
    auto *browser = new QTextBrowser;
    browser->setObjectName(QStringLiteral("guideText"));
    browser->setOpenExternalLinks(true);
    if (file.open(QIODevice::ReadOnly))
        browser->setMarkdown(QString::fromUtf8(file.readAll()));
    else
        browser->setPlainText(tr("The user guide is missing from this build."));
    QWidget *body = browser;
    QDialog *dialog = makeDialog(parent, "guideDialog", tr("Grapevine — user guide"), &body);
    dialog->resize(640, 560);
    dialog->show();
}

void showShortcuts(QWidget *window)
{
    auto *table = new QTableWidget;
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Command")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0,
                       new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
        table->setItem(row, 1, new QTableWidgetItem(menuPath(action)));
    }
    table->sortItems(1);
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnToContents(0);
    QWidget *body = table;
    QDialog *dialog = makeDialog(window, "shortcutsDialog", tr("Keyboard shortcuts"), &body);
    dialog->resize(460, 420);
    dialog->show();
}

void showAbout(QWidget *parent)
{
    QMessageBox::about(
        parent, tr("About Grapevine"),
        tr("<h3>Grapevine %1</h3><p>A desktop gossip-cluster visualizer: every window is a real "
           "node of a cluster that speaks hashicorp/memberlist's wire protocol (SWIM + "
           "Lifeguard).</p><p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace grapevine::ui
