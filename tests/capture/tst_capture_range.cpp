// tst_capture_range.cpp — a capture bigger than the rows the log keeps: the status says which
// packets the log shows ("showing packets X–Y of Z"), and "Log from here" reloads the log so
// its rows start at the scrubber's time while the members and the scrubber still cover the
// whole capture. The row limit is lowered to 100 so a 300-packet file is "big". Offscreen.
#include "capture_fixtures.h"
#include "pcap_test_file.h"
#include "ui/capture/capture_loader.h"
#include "ui/capture/capture_window.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"

#include "tests/support/peer_required.h"

#include <QApplication>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
const std::int64_t kStart = 1'700'000'000 * kSecond;
constexpr int kPackets = 300;
constexpr std::size_t kKept = 100;

// One packet a second; member n<i % 7> raises its incarnation each time it speaks, so the
// membership changes all through the capture.
QString writeCapture(const QTemporaryDir &dir)
{
    std::vector<CapturedFrame> frames;
    for (int i = 0; i < kPackets; ++i) {
        const wire::Alive claim = alive("n" + std::to_string(i % 7), std::uint32_t(i + 1), 9);
        frames.push_back(frameOf(udp(endpoint(1, 7946), endpoint(2, 7946), sealed({claim})),
                                 kLinkEthernet, kStart + i * kSecond));
    }
    const QString path = dir.filePath(QStringLiteral("big.pcap"));
    return writePcap(path.toStdString(), kLinkEthernet, frames) ? path : QString();
}

std::shared_ptr<const ui::CapturePlayback> load(const QString &path, std::size_t maxPackets)
{
    ui::CaptureLoader loader(path, {}, 0, maxPackets);
    std::shared_ptr<const ui::CapturePlayback> result;
    QObject::connect(&loader, &ui::CaptureLoader::loaded, &loader,
                     [&](std::shared_ptr<const ui::CapturePlayback> p) { result = std::move(p); });
    loader.load(); // synchronously, in the test's thread
    return result;
}

QString incarnations(const ui::MemberTableModel &members)
{
    QStringList out;
    for (const MemberSnapshot &member : members.members())
        out << QStringLiteral("%1@%2").arg(member.name).arg(member.incarnation);
    out.sort();
    return out.join(u' ');
}

} // namespace

class TstCaptureRange : public QObject {
    Q_OBJECT
private slots:
    void statusSaysWhichPacketsTheLogShows();
    void logFromHereKeepsRowsFromTheScrubbersTime();
    void smallCaptureKeepsEveryRow();

private:
    QTemporaryDir m_dir;
};

void TstCaptureRange::statusSaysWhichPacketsTheLogShows()
{
    const QString path = writeCapture(m_dir);
    auto playback = load(path, kKept);
    QVERIFY(playback);
    ui::CaptureWindow window(playback, QStringLiteral("big.pcap"));
    window.setSource(path, {});
    QCOMPARE(window.rangeText(), QStringLiteral("showing packets 1–100 of 300"));
    QVERIFY(window.findChild<QPushButton *>(QStringLiteral("captureLogFromHere"))->isEnabled());
    QCOMPARE(window.log()->rowCount(), int(kKept));
}

void TstCaptureRange::logFromHereKeepsRowsFromTheScrubbersTime()
{
    const QString path = writeCapture(m_dir);
    auto playback = load(path, kKept);
    QVERIFY(playback);
    ui::CaptureWindow window(playback, QStringLiteral("big.pcap"));
    window.setSource(path, {});
    window.show();
    const QString membersAtEnd = incarnations(*window.members());
    window.showAt(kStart + 150 * kSecond);
    const QString membersAt150 = incarnations(*window.members());
    window.findChild<QPushButton *>(QStringLiteral("captureLogFromHere"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.rangeText(), QStringLiteral("showing packets 151–250 of 300"),
                              10000);
    // Still at 150 s, with the members as they stood then; the scrubber spans the whole file.
    QCOMPARE(window.currentTimeNs(), kStart + 150 * kSecond);
    QCOMPARE(incarnations(*window.members()), membersAt150);
    QCOMPARE(window.playback().startNs(), kStart);
    QCOMPARE(window.playback().endNs(), kStart + (kPackets - 1) * kSecond);
    QCOMPARE(window.log()->rowCount(), 1); // the packet at 150 s, the first kept
    window.showAt(window.playback().endNs());
    QCOMPARE(incarnations(*window.members()), membersAtEnd); // changes after the kept rows too
    QCOMPARE(window.log()->rowCount(), int(kKept));
    QCOMPARE(window.log()->traceAt(0).timeNs, kStart + 150 * kSecond);
}

void TstCaptureRange::smallCaptureKeepsEveryRow()
{
    const QString path = writeCapture(m_dir);
    auto playback = load(path, ui::CapturePlayback::kMaxPackets);
    QVERIFY(playback);
    ui::CaptureWindow window(playback, QStringLiteral("small.pcap"));
    window.setSource(path, {});
    QCOMPARE(window.rangeText(), QStringLiteral("showing packets 1–300 of 300"));
    QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("captureLogFromHere"))->isEnabled());
}

GRAPEVINE_TEST_MAIN_WITH(QApplication, TstCaptureRange)
#include "tst_capture_range.moc"
