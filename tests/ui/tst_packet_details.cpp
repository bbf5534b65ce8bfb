// The details pane and the hex dump: frame facts, layers, each message with its fields, and
// 16 bytes per line with offset and ASCII.
#include "synthetic.h"
#include "ui/models/display_format.h"
#include "ui/widgets/packet_details.h"

#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

using namespace grapevine;
using namespace grapevine::ui;
using Type = grapevine::wire::MessageType;

class TestPacketDetails : public QObject {
    Q_OBJECT
private slots:
    void hexDumpShowsOffsetHexAndAscii_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QString();
        QTest::newRow("short")
            << QByteArray("\x01"
                          "AB",
                          3)
            << QStringLiteral("0000  01 41 42 %1 .AB\n").arg(QString(40, QLatin1Char(' ')));
        QTest::newRow("two lines")
            << QByteArray(17, 'a')
            << QStringLiteral(
                   "0000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  aaaaaaaaaaaaaaaa\n"
                   "0010  61 %1 a\n")
                   .arg(QString(46, QLatin1Char(' ')));
    }
    void hexDumpShowsOffsetHexAndAscii()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QCOMPARE(hexDump(bytes), expected);
    }

    void showsFrameLayersMessagesAndFields()
    {
        PacketDetails details;
        PacketTrace trace =
            testing::makeTrace(QStringLiteral("n2"), {Type::Ping, Type::Alive}, Direction::Out);
        trace.layers = QStringList{"label", "crc", "compound"};
        details.showTrace(trace);
        auto *tree = details.findChild<QTreeWidget *>(QStringLiteral("detailsTree"));
        QCOMPARE(tree->topLevelItemCount(), 2);
        QTreeWidgetItem *frame = tree->topLevelItem(0);
        QCOMPARE(frame->text(1), QStringLiteral("48 bytes"));
        const auto layers =
            tree->findItems(QStringLiteral("Layers"), Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(layers.size(), 1);
        QCOMPARE(layers.front()->text(1), QStringLiteral("label › crc › compound"));
        QTreeWidgetItem *messages = tree->topLevelItem(1);
        QCOMPARE(messages->childCount(), 2);
        QCOMPARE(messages->child(1)->text(0), QStringLiteral("alive"));
        QCOMPARE(messages->child(1)->childCount(), 2); // seq=… node=…
        QCOMPARE(messages->child(1)->child(1)->text(0), QStringLiteral("node"));
        QCOMPARE(messages->child(1)->child(1)->text(1), QStringLiteral("n2"));
        auto *hex = details.findChild<QPlainTextEdit *>(QStringLiteral("hexDump"));
        QCOMPARE(hex->toPlainText().count(QLatin1Char('\n')), 3); // 48 bytes = 3 lines
    }

    void malformedPacketShowsItsError()
    {
        PacketDetails details;
        PacketTrace trace = testing::makeTrace(QStringLiteral("n2"), {});
        trace.error = QStringLiteral("crc mismatch");
        details.showTrace(trace);
        auto *tree = details.findChild<QTreeWidget *>(QStringLiteral("detailsTree"));
        const auto error =
            tree->findItems(QStringLiteral("Error"), Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(error.size(), 1);
        QCOMPARE(error.front()->text(1), QStringLiteral("crc mismatch"));
    }

    // A push/pull's node entries and a decoded value hang in the tree, one node per line.
    void structuredFieldsBecomeASubtree()
    {
        PacketDetails details;
        PacketTrace trace = testing::makeTrace(QStringLiteral("n2"), {Type::PushPull});
        trace.messages.front().fields = {{0, QStringLiteral("node"), QStringLiteral("n1")},
                                         {1, QStringLiteral("state"), QStringLiteral("alive")},
                                         {0, QStringLiteral("node"), QStringLiteral("n2")},
                                         {0, QStringLiteral("value"), QStringLiteral("blue")},
                                         {1, QStringLiteral("lamport"), QStringLiteral("7")}};
        details.showTrace(trace);
        auto *tree = details.findChild<QTreeWidget *>(QStringLiteral("detailsTree"));
        QTreeWidgetItem *message = tree->topLevelItem(1)->child(0);
        QCOMPARE(message->childCount(), 3);
        QCOMPARE(message->child(0)->text(1), QStringLiteral("n1"));
        QCOMPARE(message->child(0)->child(0)->text(0), QStringLiteral("state"));
        QCOMPARE(message->child(2)->text(1), QStringLiteral("blue"));
        QCOMPARE(message->child(2)->child(0)->text(1), QStringLiteral("7"));
    }
};

QTEST_MAIN(TestPacketDetails)
#include "tst_packet_details.moc"
