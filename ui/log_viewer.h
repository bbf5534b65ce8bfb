// log_viewer.h — a gossip log exported earlier (JSON lines), opened again for reading in a
// window of its own: the same filters, search and packet details as the live log. Lines that
// are not exported packets are skipped and counted; nothing is sent anywhere.
#pragma once

#include <QMainWindow>

class QIODevice;

namespace grapevine::ui {

class GossipLogModel;
class LogPane;

class LogViewer : public QMainWindow {
    Q_OBJECT
public:
    explicit LogViewer(QWidget *parent = nullptr);

    // Reads every line; false with *error when the device holds no packet at all.
    bool load(QIODevice *device, const QString &name, QString *error);
    [[nodiscard]] GossipLogModel *model() const { return m_model; }
    [[nodiscard]] LogPane *pane() const { return m_pane; }
    [[nodiscard]] int skippedLines() const { return m_skipped; }

    // Log › Open exported log…: asks for a file and shows it; errors in a message box.
    static void openFile(QWidget *parent);

private:
    GossipLogModel *m_model = nullptr;
    LogPane *m_pane = nullptr;
    int m_skipped = 0;
};

} // namespace grapevine::ui
