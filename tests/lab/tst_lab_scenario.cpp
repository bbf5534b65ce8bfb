// Lab scenario files: what is written reads back the same, and bad input is refused with
// an error naming the line (malformed, from a newer version, naming a node that is not there).
#include "core/lab/lab_scenario.h"
#include "core/lab/scenario_text.h"

#include <QTest>

using namespace grapevine;
using namespace grapevine::lab;
using namespace std::chrono_literals;

namespace {

LabAction action(double atS, ActionKind kind, NodeId node = 0)
{
    LabAction a;
    a.at = TimePoint(std::chrono::nanoseconds(std::int64_t(atS * 1e9)));
    a.kind = kind;
    a.node = node;
    return a;
}

LabScenario everyKindOfAction()
{
    LabScenario s;
    s.setup.nodes = 12;
    s.setup.seed = 77;
    s.setup.profile = protocol::Profile::Wan;
    s.setup.start = StartMode::Joining;
    s.setup.link = sim::LinkModel{3ms, 250us, 0.125};
    s.actions.push_back(action(1.5, ActionKind::Crash, 3));
    auto stall = action(2, ActionKind::Stall, 4);
    stall.duration = 2500ms;
    s.actions.push_back(stall);
    s.actions.push_back(action(2.000000001, ActionKind::Restart, 3));
    s.actions.push_back(action(3, ActionKind::Leave, 5));
    auto set = action(3, ActionKind::SetValue, 1);
    set.text = "grüße \"quoted\" back\\slash\nnew line\ttab";
    s.actions.push_back(set);
    auto loss = action(4, ActionKind::Loss);
    loss.loss = 0.1;
    s.actions.push_back(loss);
    auto latency = action(4, ActionKind::Latency);
    latency.duration = 20ms;
    s.actions.push_back(latency);
    auto jitter = action(4, ActionKind::Jitter);
    jitter.duration = 1500us;
    s.actions.push_back(jitter);
    auto link = action(4.25, ActionKind::Link, 1);
    link.peer = 2;
    link.link = sim::LinkModel{30ms, 0ns, 0.5};
    s.actions.push_back(link);
    auto unlink = action(5, ActionKind::Unlink, 2);
    unlink.peer = 1;
    s.actions.push_back(unlink);
    auto split = action(6, ActionKind::Split);
    split.groups = {{0, 1, 2}, {7, 8}};
    s.actions.push_back(split);
    s.actions.push_back(action(7, ActionKind::Heal));
    s.until = TimePoint(9s);
    return s;
}

} // namespace

class TstLabScenario : public QObject {
    Q_OBJECT
private slots:
    void writtenScenarioReadsBackTheSame()
    {
        const LabScenario s = everyKindOfAction();
        const std::string text = writeLabScenario(s);
        auto parsed = parseLabScenario(text);
        if (auto *error = std::get_if<ScenarioError>(&parsed))
            QFAIL(error->text().c_str());
        const auto &back = std::get<LabScenario>(parsed);
        QCOMPARE(back.setup.nodes, 12);
        QCOMPARE(back.setup.seed, 77u);
        QVERIFY(back.setup.profile == protocol::Profile::Wan);
        QVERIFY(back.setup.start == StartMode::Joining);
        QVERIFY(back.setup.link.has_value());
        QCOMPARE(back.setup.link->loss, 0.125);
        QVERIFY(back.setup.link->jitter == 250us);
        QVERIFY(back.until == TimePoint(9s));
        QCOMPARE(back.actions.size(), s.actions.size());
        for (std::size_t i = 0; i < s.actions.size(); ++i)
            QVERIFY2(back.actions[i] == s.actions[i], describeAction(s.actions[i]).c_str());
        QCOMPARE(writeLabScenario(back), text); // and writes the very same text again
    }

    void timesAndDurationsAreExact()
    {
        QVERIFY(readDuration("1.5ms") == 1500us);
        QVERIFY(readDuration("0.1s") == 100ms);
        QVERIFY(readDuration("7ns") == 7ns);
        QVERIFY(!readDuration("0.5ns"));
        QVERIFY(!readDuration("5"));
        QVERIFY(!readDuration("-5ms"));
        QVERIFY(readSeconds("2.000000001") == TimePoint(2'000'000'001ns));
        QVERIFY(!readSeconds("1e3"));
        QVERIFY(!readFraction("1.5"));
    }

    void badInputIsRefusedNamingTheLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        const QString head = "grapevine-lab 1\nnodes 10\n";
        QTest::newRow("newer version") << "# lab\ngrapevine-lab 2\n" << 2 << "newer Grapevine";
        QTest::newRow("not a scenario") << "hello\n" << 1 << "not a lab scenario";
        QTest::newRow("empty") << "" << 1 << "empty file";
        QTest::newRow("unknown node") << head + "at 1 crash n10\n" << 3 << "no node 'n10'";
        QTest::newRow("unknown node in a split") << head + "at 1 split n1 | n42\n" << 3 << "n42";
        QTest::newRow("unknown action") << head + "at 1 explode n1\n" << 3 << "unknown action";
        QTest::newRow("out of order") << head + "at 2 heal\nat 1 heal\n" << 4 << "time order";
        QTest::newRow("bad time") << head + "at soon heal\n" << 3 << "bad time";
        QTest::newRow("too many nodes") << "grapevine-lab 1\nnodes 5000\n" << 2 << "3 … 2000";
        QTest::newRow("unterminated quote") << head + "at 1 set n1 \"abc\n" << 3 << "quote";
        QTest::newRow("missing stall time") << head + "at 1 stall n1\n" << 3 << "takes";
        QTest::newRow("loss above 1") << head + "at 1 loss 2\n" << 3 << "fraction";
        QTest::newRow("setting after actions") << head + "at 1 heal\nseed 4\n" << 4 << "before";
        QTest::newRow("bad link field") << head + "at 1 link n1 n2 speed=9\n" << 3 << "speed";
    }

    void badInputIsRefusedNamingTheLine()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, says);
        auto parsed = parseLabScenario(text.toStdString());
        QVERIFY(std::holds_alternative<ScenarioError>(parsed));
        const ScenarioError &error = std::get<ScenarioError>(parsed);
        QCOMPARE(error.line, line);
        const QString message = QString::fromStdString(error.text());
        QVERIFY2(message.contains(says), qPrintable(message));
        QVERIFY2(message.startsWith(QStringLiteral("line %1: ").arg(line)), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TstLabScenario)
#include "tst_lab_scenario.moc"
