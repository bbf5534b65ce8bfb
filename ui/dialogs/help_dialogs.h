// help_dialogs.h — the Help menu's windows: the short user guide (docs/user-guide.md, built
// into the program), the keyboard shortcuts (read from the window's own actions, so the list
// cannot drift from the menus), and About with the version.
#pragma once

class QWidget;

namespace grapevine::ui {

void showUserGuide(QWidget *parent);
void showShortcuts(QWidget *window);
void showAbout(QWidget *parent);

} // namespace grapevine::ui
