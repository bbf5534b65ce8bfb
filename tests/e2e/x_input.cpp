#include "x_input.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

namespace {
constexpr int kXdotoolMs = 10'000;
constexpr int kTypeDelayMs = 25; // between keys, as a fast typist
} // namespace

bool XInput::run(const QStringList &arguments, QString *output)
{
    QProcess xdotool;
    xdotool.start(QStringLiteral("xdotool"), arguments);
    const bool finished = xdotool.waitForFinished(kXdotoolMs);
    const QString out = QString::fromUtf8(xdotool.readAllStandardOutput()).trimmed();
    if (output)
        *output = out;
    if (finished && xdotool.exitStatus() == QProcess::NormalExit && xdotool.exitCode() == 0)
        return true;
    m_lastError = QStringLiteral("xdotool %1: exit %2 %3 %4")
                      .arg(arguments.join(QLatin1Char(' ')))
                      .arg(xdotool.exitCode())
                      .arg(QString::fromUtf8(xdotool.readAllStandardError()).trimmed(),
                           xdotool.errorString());
    return false;
}

bool XInput::waitForWindowManager(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!run({QStringLiteral("get_num_desktops")})) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QTest::qWait(50);
    }
    return true;
}

QString XInput::windowOf(qint64 pid, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QString found;
    while (!run({QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--pid"),
                 QString::number(pid)},
                &found) ||
           found.isEmpty()) {
        if (clock.elapsed() > timeoutMs)
            return {};
        QTest::qWait(100);
    }
    return found.split(QLatin1Char('\n')).last(); // the last mapped one: the main window
}

bool XInput::activate(const QString &windowId, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!run({QStringLiteral("windowactivate"), QStringLiteral("--sync"), windowId})) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QTest::qWait(200); // the window manager may still be starting
    }
    return true;
}

bool XInput::key(const QString &keys)
{
    return run({QStringLiteral("key"), QStringLiteral("--clearmodifiers"), keys});
}

bool XInput::type(const QString &text)
{
    return run(
        {QStringLiteral("type"), QStringLiteral("--delay"), QString::number(kTypeDelayMs), text});
}

bool XInput::click(int x, int y)
{
    return run({QStringLiteral("mousemove"), QStringLiteral("--sync"), QString::number(x),
                QString::number(y), QStringLiteral("click"), QStringLiteral("1")});
}
