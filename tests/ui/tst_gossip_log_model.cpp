// The gossip log: a ring buffer that inserts once per tick, drops the oldest rows first,
// stays bounded while paused, exports JSON lines, and narrows through its filter proxy.
#include "synthetic.h"
#include "tests/support/model_log.h"
#include "ui/models/gossip_filter_proxy.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/trace_json.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeTrace;
using grapevine::testing::ModelEvent;
using grapevine::testing::ModelLog;
using Type = grapevine::wire::MessageType;

namespace {

QString peerAt(const GossipLogModel &model, int row)
{
    return model.traceAt(row).peerName;
}

void appendNumbered(GossipLogModel &model, int from, int count)
{
    for (int i = from; i < from + count; ++i)
        model.append(makeTrace(QStringLiteral("p%1").arg(i), {Type::Ping}));
}
} // namespace

class TestGossipLogModel : public QObject {
    Q_OBJECT
private slots:
    void appendedTracesWaitForTheTick()
    {
        GossipLogModel model(10);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        appendNumbered(model, 0, 3);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 3);
    }

    void aBurstBecomesOneInsert()
    {
        GossipLogModel model(10);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        ModelLog log(&model, {ModelEvent::RowsAboutToBeRemoved, ModelEvent::RowsInserted});
        appendNumbered(model, 0, 3);
        model.flush();
        appendNumbered(model, 3, 2);
        model.flush();
        QCOMPARE(log.lines, (QStringList{"ins 0-2", "ins 3-4"}));
    }

    void theTickFlushesOnItsOwn()
    {
        GossipLogModel model(10);
        appendNumbered(model, 0, 4);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, 2000);
    }

    void fullLogDropsOldestRowBeforeInsert()
    {
        GossipLogModel model(3);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        appendNumbered(model, 0, 2);
        model.flush();
        ModelLog log(&model, {ModelEvent::RowsAboutToBeRemoved, ModelEvent::RowsInserted});
        appendNumbered(model, 2, 2);
        model.flush();
        QCOMPARE(log.lines, (QStringList{"rm 0-0", "ins 1-2"}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(peerAt(model, 0), QStringLiteral("p1"));
        QCOMPARE(peerAt(model, 2), QStringLiteral("p3"));
        QCOMPARE(model.droppedCount(), 1);
    }

    void batchLargerThanCapacityKeepsTheNewest()
    {
        GossipLogModel model(4);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        appendNumbered(model, 0, 3);
        model.flush();
        ModelLog log(&model, {ModelEvent::RowsAboutToBeRemoved, ModelEvent::RowsInserted});
        appendNumbered(model, 3, 9);
        model.flush();
        QCOMPARE(log.lines, (QStringList{"rm 0-2", "ins 0-3"}));
        QCOMPARE(peerAt(model, 0), QStringLiteral("p8"));
        QCOMPARE(peerAt(model, 3), QStringLiteral("p11"));
    }

    void ringKeepsTheNewestInOrderAcrossWraps_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<QList<int>>("batches");
        QTest::newRow("exact fit") << 5 << QList<int>{5, 5, 5};
        QTest::newRow("odd sizes") << 7 << QList<int>{3, 1, 6, 2, 9, 4, 7, 1};
        QTest::newRow("one slot") << 1 << QList<int>{2, 1, 3};
    }
    void ringKeepsTheNewestInOrderAcrossWraps()
    {
        QFETCH(int, capacity);
        QFETCH(QList<int>, batches);
        GossipLogModel model(capacity);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        int next = 0;
        for (int batch : batches) {
            appendNumbered(model, next, batch);
            next += batch;
            model.flush();
            const int expected = qMin(next, capacity);
            QCOMPARE(model.rowCount(), expected);
            for (int row = 0; row < expected; ++row)
                QCOMPARE(peerAt(model, row), QStringLiteral("p%1").arg(next - expected + row));
        }
    }

    void pausedLogBuffersBoundedUntilResumed()
    {
        GossipLogModel model(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        model.setPaused(true);
        appendNumbered(model, 0, 8);
        model.flush();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 5);
        model.setPaused(false);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(peerAt(model, 0), QStringLiteral("p3"));
    }

    void clearEmptiesTheLog()
    {
        GossipLogModel model(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.tickTimer().stop();
        appendNumbered(model, 0, 4);
        model.flush();
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        appendNumbered(model, 4, 2);
        model.flush();
        QCOMPARE(peerAt(model, 0), QStringLiteral("p4"));
    }

    void typesColumnListsCompoundParts_data()
    {
        QTest::addColumn<QList<Type>>("types");
        QTest::addColumn<QString>("expected");
        QTest::newRow("single") << QList<Type>{Type::Ping} << QStringLiteral("ping");
        QTest::newRow("compound") << QList<Type>{Type::Ping, Type::Alive, Type::Alive}
                                  << QStringLiteral("compound[ping, alive, alive]");
    }
    void typesColumnListsCompoundParts()
    {
        QFETCH(QList<Type>, types);
        QFETCH(QString, expected);
        GossipLogModel model(5);
        model.append(makeTrace(QStringLiteral("n2"), types, Direction::Out));
        model.flush();
        QCOMPARE(model.index(0, int(GossipLogModel::Column::Types)).data().toString(), expected);
        QCOMPARE(model.index(0, int(GossipLogModel::Column::Direction)).data().toString(),
                 QStringLiteral("→"));
        const QModelIndex peer = model.index(0, int(GossipLogModel::Column::Peer));
        QCOMPARE(peer.data().toString(), QStringLiteral("n2"));
        QCOMPARE(peer.data(Qt::ToolTipRole).toString(), QStringLiteral("n2 (127.0.0.1:7947)"));
        QCOMPARE(model.index(0, int(GossipLogModel::Column::Size)).data().toInt(), 48);
    }

    void exportWritesOneJsonObjectPerLine()
    {
        GossipLogModel model(5);
        appendNumbered(model, 0, 3);
        model.flush();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(model.exportJsonLines(&buffer));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(QStringLiteral("peer_name")).toString(), QStringLiteral("p0"));
        QCOMPARE(first.value(QStringLiteral("dir")).toString(), QStringLiteral("in"));
        QCOMPARE(first.value(QStringLiteral("size")).toInt(), 48);
    }

    void filterNarrowsByTypePeerAndText()
    {
        GossipLogModel model(50);
        GossipFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        model.append(makeTrace(QStringLiteral("alpha"), {Type::Ping}));
        model.append(makeTrace(QStringLiteral("beta"), {Type::Ack}));
        model.append(makeTrace(QStringLiteral("beta"), {Type::Ping, Type::Alive, Type::User}));
        model.flush();
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setTypeFilter(Type::Ping);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setPeerFilter(QStringLiteral("BETA"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setTypeFilter(std::nullopt);
        proxy.setPeerFilter({});
        proxy.setTextFilter(QStringLiteral("seq=3"));
        QCOMPARE(proxy.rowCount(), 1);
        model.append(makeTrace(QStringLiteral("gamma"), {Type::Suspect, Type::Dead, Type::User}));
        model.flush();
        QCOMPARE(proxy.rowCount(), 2);
    }

    // "Export filtered rows" writes only the rows asked for; a written line reads back as
    // the same packet (decoded fields included), which "Open exported log" relies on.
    void exportedRowsReadBackAsTheSamePackets()
    {
        GossipLogModel model(10);
        PacketTrace value = grapevine::testing::makeTrace(QStringLiteral("n2"), {Type::User});
        value.messages.front().fields = {{0, QStringLiteral("value"), QStringLiteral("blue")},
                                         {1, QStringLiteral("origin"), QStringLiteral("n2")}};
        model.append(grapevine::testing::makeTrace(QStringLiteral("n1"), {Type::Ping}));
        model.append(value);
        model.flush();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(model.exportJsonLines(&buffer, {1}));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QString error;
        const auto back = traceFromJson(QJsonDocument::fromJson(lines.front()).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->peerName, QStringLiteral("n2"));
        QCOMPARE(back->raw, value.raw);
        QCOMPARE(back->messages.front().fields.size(), 2);
        QCOMPARE(back->messages.front().fields.at(1).depth, 1);
        QCOMPARE(back->messages.front().fields.at(0).value, QStringLiteral("blue"));
    }

    void aLineThatIsNotAPacketIsRefused()
    {
        QString error;
        QVERIFY(!traceFromJson(QJsonObject{{"ev", "up"}}, &error));
        QVERIFY(!error.isEmpty());
    }

    void aPacketOfAnUnknownMessageTypeIsRefused()
    {
        QJsonObject line = traceToJson(makeTrace(QStringLiteral("n2"), {Type::Ping}));
        line.insert(QStringLiteral("messages"),
                    QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("gossip")}}});
        QString error;
        QVERIFY(!traceFromJson(line, &error));
        QCOMPARE(error, QStringLiteral("unknown message type \"gossip\""));
    }
};

QTEST_MAIN(TestGossipLogModel)
#include "tst_gossip_log_model.moc"
