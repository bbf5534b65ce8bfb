// The gossip log's decoding of Grapevine's value envelope (issue #17 defect 4): value,
// Lamport time and origin in the details tree, and the hop count said to be absent — the
// envelope does not carry one, so none is made up.
#include "core/node/value_trace.h"
#include "core/value/envelope.h"

#include <QTest>

using namespace grapevine;

namespace {

QByteArray bytesOf(const wire::Bytes &bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

QString field(const TracedMessage &m, const QString &name)
{
    for (const TracedField &f : m.fields)
        if (f.name == name)
            return f.value;
    return QStringLiteral("<absent>");
}

} // namespace

class TestValueTrace : public QObject {
    Q_OBJECT
private slots:
    void valueMessageShowsItsFieldsAndSaysHopsAreNotCarried()
    {
        value::Entry entry;
        entry.value = "ripe grapes";
        entry.version = {7, "n2"};
        PacketTrace trace;
        trace.messages.append(
            {wire::MessageType::User, QString(), {}, bytesOf(value::encodeEnvelope(entry))});
        describeValues(&trace);
        const TracedMessage &m = trace.messages.front();
        QCOMPARE(field(m, QStringLiteral("value")), QStringLiteral("ripe grapes"));
        QCOMPARE(field(m, QStringLiteral("lamport")), QStringLiteral("7"));
        QCOMPARE(field(m, QStringLiteral("origin")), QStringLiteral("n2"));
        QVERIFY2(field(m, QStringLiteral("hops")).startsWith(QStringLiteral("not carried")),
                 qPrintable(field(m, QStringLiteral("hops"))));
        QVERIFY(m.summary.contains(QStringLiteral("ripe grapes")));
    }

    // A value is anyone's text: "%1" in it is shown as typed, not taken for a placeholder.
    void summaryShowsAPercentPlaceholderInAValueAsTyped()
    {
        value::Entry entry;
        entry.value = "50%1 off";
        entry.version = {9, "n3"};
        PacketTrace trace;
        trace.messages.append(
            {wire::MessageType::User, QString(), {}, bytesOf(value::encodeEnvelope(entry))});
        describeValues(&trace);
        const QString summary = trace.messages.front().summary;
        QVERIFY2(summary.contains(QStringLiteral("50%1 off")) &&
                     summary.contains(QStringLiteral("lamport=9 origin=n3")),
                 qPrintable(summary));
    }
};

QTEST_GUILESS_MAIN(TestValueTrace)
#include "tst_value_trace.moc"
