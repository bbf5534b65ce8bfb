// window_shortcuts.h — lets the window's own shortcuts (Ctrl+E Export, Ctrl+L Clear, …) work
// while a text field has focus. QLineEdit claims some of them for editing (Ctrl+E is "end of
// line" in the X11/Emacs bindings) through a ShortcutOverride event, and the menu shortcut
// then never fires. Installed on the window's text fields, this filter refuses the override
// for exactly the keys given, so editing keys (copy, paste, undo, select all) stay the
// field's.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>

namespace grapevine::ui {

class WindowShortcuts : public QObject {
    Q_OBJECT
public:
    WindowShortcuts(QList<QKeySequence> keys, QObject *parent);

    // Installs the filter on every QLineEdit under root (now; later ones are not seen).
    void watchTextFields(QObject *root);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<QKeySequence> m_keys;
};

} // namespace grapevine::ui
