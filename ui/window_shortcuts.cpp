#include "ui/window_shortcuts.h"

#include <QKeyEvent>
#include <QLineEdit>

namespace grapevine::ui {

WindowShortcuts::WindowShortcuts(QList<QKeySequence> keys, QObject *parent)
    : QObject(parent)
    , m_keys(std::move(keys))
{
}

void WindowShortcuts::watchTextFields(QObject *root)
{
    for (QLineEdit *edit : root->findChildren<QLineEdit *>())
        edit->installEventFilter(this);
}

bool WindowShortcuts::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return QObject::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const QKeySequence pressed(key->keyCombination());
    // Eaten unaccepted: the field does not claim the key, so the window's shortcut fires.
    return m_keys.contains(pressed);
}

} // namespace grapevine::ui
