// packet_details.h — the analyzer's details pane for one packet: a frame summary, its
// layers, each decoded message with its fields, and a hex dump of the bytes on the wire.
#pragma once

#include "core/node/node_types.h"

#include <QWidget>

class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace grapevine::ui {

class PacketDetails : public QWidget {
    Q_OBJECT
public:
    explicit PacketDetails(QWidget *parent = nullptr);

    void showTrace(const PacketTrace &trace);
    void clear();

private:
    void addFrame(const PacketTrace &trace);
    void addMessage(QTreeWidgetItem *parent, const TracedMessage &message);
    void addFields(QTreeWidgetItem *message, const QList<TracedField> &fields);

    QTreeWidget *m_tree;
    QPlainTextEdit *m_hex;
};

} // namespace grapevine::ui
