// widget_probe.h — a test-only window into the running GUI: when GRAPEVINE_WIDGET_PROBE names
// a local socket, the window answers questions about its widgets there, so an end-to-end test
// that drives the window with real X input (xdotool) can read what the window DISPLAYS — not
// what the node's HTTP API says. One request per line, one JSON object per reply line:
//   text NAME   {"text": "..."}: a label/line edit/button/combo's text; an item view's rows
//               (cells joined by a tab, rows by a newline, as displayed)
//   rect NAME   {"x","y","w","h"}: the visible widget's rectangle in screen coordinates
//   focus       {"widget": NAME, "window": NAME}: where keyboard input goes now
// NAME is an objectName; a visible widget wins over a hidden one. Errors are {"error": "..."}.
// Without the variable nothing listens. It reads only; it never changes a widget.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

class QLocalServer;
class QLocalSocket;
class QWidget;

namespace grapevine::gui {

class WidgetProbe : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kEnvironmentVariable = "GRAPEVINE_WIDGET_PROBE";

    // Listens when the variable is set; false with *error when it is set and listening failed.
    bool listenIfRequested(QString *error);
    explicit WidgetProbe(QObject *parent = nullptr);

    // One request line -> one reply object (also what the socket sends, as compact JSON).
    [[nodiscard]] static QJsonObject answer(const QByteArray &request);

private:
    void onConnection();
    static void onReadyRead(QLocalSocket *socket);

    QLocalServer *m_server = nullptr;
};

} // namespace grapevine::gui
