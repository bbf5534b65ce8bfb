// x_input.h — real keyboard and mouse input on the test's X display, through xdotool (XTEST:
// the X server delivers the events exactly as it would a user's). Each call runs xdotool and
// waits for it; failures return false with xdotool's own words in lastError().
#pragma once

#include <QString>
#include <QStringList>

class XInput {
public:
    // Waits until a window manager runs on the display: it has announced its desktops
    // (_NET_NUMBER_OF_DESKTOPS), which openbox does once it manages the screen.
    bool waitForWindowManager(int timeoutMs);
    // The top-level window of a process (its _NET_WM_PID), waiting up to timeoutMs for it.
    [[nodiscard]] QString windowOf(qint64 pid, int timeoutMs);
    // Raises and focuses a window through the window manager (retried while it starts).
    bool activate(const QString &windowId, int timeoutMs);
    bool key(const QString &keys);  // e.g. "ctrl+j", "Return", "alt+F4"
    bool type(const QString &text); // typed key by key
    bool click(int x, int y);       // left button at screen coordinates
    [[nodiscard]] QString lastError() const { return m_lastError; }

private:
    bool run(const QStringList &arguments, QString *output = nullptr);

    QString m_lastError;
};
