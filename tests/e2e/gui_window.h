// gui_window.h — one real `grapevine` window process for the user-path test: started with no
// join options on a free loopback port, its settings in a private folder, and its widget
// probe (app/gui/widget_probe.h) enabled, so the test reads what the window displays.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QRect>
#include <QString>
#include <memory>

class GuiWindow {
public:
    GuiWindow(QString name, QString workDir);
    ~GuiWindow();

    bool start(); // false with the reason in lastError()
    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] qint64 processId() const;
    [[nodiscard]] bool running() const;
    int waitForExit(int timeoutMs); // the exit code; -1 when it did not exit normally in time
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] QString output(); // stderr and stdout so far, for failure messages

    // The widget probe: what the widget named `objectName` displays, its screen rectangle,
    // and the objectName of the window that has the keyboard focus.
    [[nodiscard]] QString text(const QString &objectName);
    [[nodiscard]] QRect rect(const QString &objectName);
    [[nodiscard]] QString focusedWindow();
    [[nodiscard]] QString focusedWidget();

private:
    QJsonObject ask(const QByteArray &request);

    QString m_name;
    QString m_workDir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
    QString m_lastError;
};
