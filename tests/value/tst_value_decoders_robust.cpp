// Seeded mutations of valid encodings through every value decoder: nothing may crash, and
// whatever decodes as ours must re-encode within the limits. (The fuzz/ targets explore the
// same decoders without a seed; this keeps a deterministic slice in the unit suite.)
#include "core/value/envelope.h"
#include "core/value/limits.h"
#include "core/value/persisted_state.h"

#include <QTest>
#include <random>

using namespace grapevine;
using namespace grapevine::value;

namespace {

wire::Bytes mutate(wire::Bytes b, std::mt19937_64 &rng)
{
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits; ++i) {
        switch (rng() % 4) {
        case 0: // flip a byte
            if (!b.empty())
                b[rng() % b.size()] = static_cast<std::uint8_t>(rng());
            break;
        case 1: // truncate
            b.resize(b.empty() ? 0 : rng() % b.size());
            break;
        case 2: // insert
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(b.empty() ? 0 : rng() % b.size()),
                     static_cast<std::uint8_t>(rng()));
            break;
        default: // grow a length field's worth
            b.resize(b.size() + rng() % 600, static_cast<std::uint8_t>(rng()));
        }
    }
    return b;
}

} // namespace

class TestValueDecodersRobust : public QObject {
    Q_OBJECT
private slots:
    void mutatedPayloadsNeverCrashOrBreakLimits()
    {
        const std::uint64_t seed = 20261201;
        std::mt19937_64 rng(seed);
        const std::vector<wire::Bytes> seeds{encodeEnvelope(Entry{"hello", Version{7, "n1"}, 0}),
                                             encodeHeldNotice(Version{3, "n2"}),
                                             encodeMeta(Version{9, "n9"}), wire::toBytes("plain")};
        int entries = 0;
        for (int i = 0; i < 50000; ++i) {
            const wire::Bytes b = mutate(seeds[i % seeds.size()], rng);
            const UserPayload p = decodeUserPayload(b, 0);
            if (const auto *e = std::get_if<Entry>(&p)) {
                ++entries;
                QVERIFY2(!validateValue(e->value) && !validateOrigin(e->version.origin),
                         qPrintable(QStringLiteral("seed %1 iteration %2").arg(seed).arg(i)));
                QVERIFY(e->version.lamport > 0);
            } else if (const auto *t = std::get_if<PlainValue>(&p)) {
                QVERIFY(isValidUtf8(t->text));
            }
            (void)decodeState(b, 0);
            if (const auto v = decodeMeta(b))
                QVERIFY(v->origin.size() <= kMaxOriginBytes);
        }
        QVERIFY(entries > 0); // the mutations also reach the accepting path
    }

    void mutatedStateFilesNeverCrash()
    {
        const std::uint64_t seed = 77;
        std::mt19937_64 rng(seed);
        const std::string good = serializePersisted(Entry{"v\\n", Version{4, "n"}, 1}, 5);
        for (int i = 0; i < 20000; ++i) {
            const wire::Bytes b = mutate(wire::toBytes(good), rng);
            const auto parsed = parsePersisted(wire::toString(b));
            if (parsed.ok())
                QVERIFY(parsed->clock >= parsed->entry.version.lamport);
        }
    }
};

QTEST_APPLESS_MAIN(TestValueDecodersRobust)
#include "tst_value_decoders_robust.moc"
