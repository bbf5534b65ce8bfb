#include "widget_probe.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocalServer>
#include <QLocalSocket>

namespace grapevine::gui {

namespace {

QJsonObject error(const QString &message)
{
    return {{QStringLiteral("error"), message}};
}

// The widget with this objectName, preferring a visible one (dialogs live on after closing).
QWidget *findWidget(const QString &name)
{
    QWidget *hidden = nullptr;
    for (QWidget *widget : QApplication::allWidgets()) {
        if (widget->objectName() != name)
            continue;
        if (widget->isVisible())
            return widget;
        hidden = widget;
    }
    return hidden;
}

// An item view as displayed: every row of its (proxy) model, cells joined by a tab.
QString viewText(const QAbstractItemView *view)
{
    const QAbstractItemModel *model = view->model();
    if (!model)
        return {};
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model->columnCount(); ++column)
            cells << model->index(row, column).data(Qt::DisplayRole).toString();
        rows << cells.join(QLatin1Char('\t'));
    }
    return rows.join(QLatin1Char('\n'));
}

QJsonObject textOf(const QWidget *widget)
{
    QString text;
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        text = label->text();
    else if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
        text = edit->text();
    else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
        text = button->text();
    else if (const auto *combo = qobject_cast<const QComboBox *>(widget))
        text = combo->currentText();
    else if (const auto *view = qobject_cast<const QAbstractItemView *>(widget))
        text = viewText(view);
    else
        text = widget->windowTitle();
    return {{QStringLiteral("text"), text}};
}

QJsonObject rectOf(const QWidget *widget)
{
    if (!widget->isVisible())
        return error(QStringLiteral("%1 is not visible").arg(widget->objectName()));
    const QPoint topLeft = widget->mapToGlobal(QPoint(0, 0));
    return {{QStringLiteral("x"), topLeft.x()},
            {QStringLiteral("y"), topLeft.y()},
            {QStringLiteral("w"), widget->width()},
            {QStringLiteral("h"), widget->height()}};
}

QJsonObject focus()
{
    const QWidget *widget = QApplication::focusWidget();
    const QWidget *window = QApplication::activeWindow();
    return {{QStringLiteral("widget"), widget ? widget->objectName() : QString()},
            {QStringLiteral("window"), window ? window->objectName() : QString()}};
}

} // namespace

WidgetProbe::WidgetProbe(QObject *parent)
    : QObject(parent)
{
}

bool WidgetProbe::listenIfRequested(QString *errorText)
{
    const QString name = qEnvironmentVariable(kEnvironmentVariable);
    if (name.isEmpty())
        return true;
    m_server = new QLocalServer(this);
    QLocalServer::removeServer(name);
    if (!m_server->listen(name)) {
        *errorText = QStringLiteral("%1=%2: %3")
                         .arg(QLatin1String(kEnvironmentVariable), name, m_server->errorString());
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &WidgetProbe::onConnection);
    return true;
}

void WidgetProbe::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [socket] { onReadyRead(socket); });
    }
}

void WidgetProbe::onReadyRead(QLocalSocket *socket)
{
    while (socket->canReadLine()) {
        const QByteArray reply =
            QJsonDocument(answer(socket->readLine().trimmed())).toJson(QJsonDocument::Compact);
        socket->write(reply + '\n');
    }
}

QJsonObject WidgetProbe::answer(const QByteArray &request)
{
    const qsizetype space = request.indexOf(' ');
    const QByteArray verb = space < 0 ? request : request.left(space);
    const QString name = space < 0 ? QString() : QString::fromUtf8(request.mid(space + 1));
    if (verb == "focus")
        return focus();
    if (verb != "text" && verb != "rect")
        return error(QStringLiteral("unknown request '%1' (text NAME, rect NAME, focus)")
                         .arg(QString::fromUtf8(verb)));
    const QWidget *widget = findWidget(name);
    if (!widget)
        return error(QStringLiteral("no widget named '%1'").arg(name));
    return verb == "text" ? textOf(widget) : rectOf(widget);
}

} // namespace grapevine::gui
