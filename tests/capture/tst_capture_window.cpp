// Capture playback in the window's own views (offscreen): the loader decodes off-thread and
// can be cancelled, the scrubber moves the member table and the packet log through time,
// and the models stay consistent under QAbstractItemModelTester.
#include "capture_fixtures.h"
#include "pcap_test_file.h"

#include "ui/capture/capture_loader.h"
#include "ui/capture/capture_member_history.h"
#include "ui/capture/capture_window.h"
#include "ui/capture/pcapng_log_export.h"
#include "ui/capture/tap_window.h"
#include "ui/models/gossip_log_model.h"
#include "ui/models/member_table_model.h"

#include "core/capture/live_tap.h"
#include "core/capture/pcap_file.h"
#include "core/capture/record_exporter.h"
#include "core/net/packet_tracer.h"

#include "tests/serf/serf_vectors.h"
#include "tests/support/free_port.h"
#include "tests/support/peer_required.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <filesystem>
#include <unistd.h>

using namespace grapevine;
using namespace grapevine::capture;
using namespace grapevine::capture::testing;
using grapevine::ui::CaptureLoader;
using grapevine::ui::CapturePlayback;
using grapevine::ui::CaptureWindow;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
const std::int64_t kStart = 1'700'000'000 * kSecond;

CapturedFrame at(int second, const std::vector<wire::Message> &messages)
{
    return frameOf(udp(endpoint(1, 7946), endpoint(2, 7946), sealed(messages)), kLinkEthernet,
                   kStart + second * kSecond);
}

std::shared_ptr<const CapturePlayback> load(const QString &path)
{
    CaptureLoader loader(path, {});
    std::shared_ptr<const CapturePlayback> result;
    QObject::connect(&loader, &CaptureLoader::loaded, &loader,
                     [&](std::shared_ptr<const CapturePlayback> p) { result = std::move(p); });
    loader.load(); // synchronously, in the test's thread
    return result;
}

QString stateOf(const ui::MemberTableModel &model, const QString &name)
{
    const int row = model.rowOf(name);
    return row < 0 ? QString() : memberStateName(model.memberAt(row).state);
}

} // namespace

class TstCaptureWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void scrubberMovesMembersAndLogThroughTime();
    void selectedMemberShowsItsHistoryUpToTheScrubber();
    void serfTrafficPlaysBackWithItsTypesAndTags();
    void serfPushPullStateIsDescribed();
    void damagedFileStillPlaysWhatWasRead();
    void missingFileFailsWithTheReason();
    void cancelStopsTheLoader();
    void silentTapStillReturns();
    void tapWindowFollowsLiveGossip();
    void logExportedAsPcapngReopensAsTheSameRows();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TstCaptureWindow::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("story.pcap"));
    QVERIFY(writePcap(m_path.toStdString(), kLinkEthernet,
                      {at(1, {alive("n1", 1, 1)}), at(2, {alive("n1", 1, 1), alive("n2", 1, 2)}),
                       at(3, {wire::Suspect{1, "n2", "n1"}}), at(4, {alive("n2", 2, 2)}),
                       at(5, {wire::Dead{1, "n1", "n1"}})}));
}

void TstCaptureWindow::scrubberMovesMembersAndLogThroughTime()
{
    const auto playback = load(m_path);
    QVERIFY(playback);
    QCOMPARE(playback->packets().size(), std::size_t(5));
    CaptureWindow window(playback, QStringLiteral("story.pcap"));
    QAbstractItemModelTester logTester(window.log());
    QAbstractItemModelTester memberTester(window.members());

    // It opens at the end: the whole story.
    QCOMPARE(window.log()->rowCount(), 5);
    QCOMPARE(stateOf(*window.members(), QStringLiteral("n1")), QStringLiteral("left"));
    QCOMPARE(stateOf(*window.members(), QStringLiteral("n2")), QStringLiteral("alive"));
    QCOMPARE(window.members()->memberAt(window.members()->rowOf(QStringLiteral("n2"))).incarnation,
             2u);

    window.showAt(kStart + 3 * kSecond + kSecond / 2); // back: n2 is suspect
    QCOMPARE(window.log()->rowCount(), 3);
    QCOMPARE(stateOf(*window.members(), QStringLiteral("n2")), QStringLiteral("suspect"));
    QCOMPARE(stateOf(*window.members(), QStringLiteral("n1")), QStringLiteral("alive"));

    window.showAt(kStart + kSecond); // the first packet: only n1
    QCOMPARE(window.log()->rowCount(), 1);
    QCOMPARE(window.members()->rowCount(), 1);

    window.showAt(kStart + 10 * kSecond); // forward past the end: clamped
    QCOMPARE(window.currentTimeNs(), kStart + 5 * kSecond);
    QCOMPARE(window.log()->rowCount(), 5);
    QCOMPARE(window.members()->rowCount(), 2);

    // The scrubber as a user moves it: a click on its track, then the keyboard.
    window.showAt(kStart);
    const qint64 beforeClick = window.currentTimeNs();
    auto *slider = window.findChild<QSlider *>(QStringLiteral("captureScrubber"));
    QVERIFY(slider);
    slider->triggerAction(QAbstractSlider::SliderPageStepAdd); // what a click on the track does
    QVERIFY2(window.currentTimeNs() > beforeClick,
             "a click on the scrubber's track did not move it");
    const qint64 afterClick = window.currentTimeNs();
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(window.currentTimeNs(), kStart + 5 * kSecond);
    QVERIFY(afterClick < window.currentTimeNs());

    window.showAt(kStart); // playing from the start runs to the end and stops
    window.setPlaying(true);
    QTRY_VERIFY2_WITH_TIMEOUT(
        window.currentTimeNs() > kStart + kSecond,
        qPrintable(QStringLiteral("at %1 ns after the start").arg(window.currentTimeNs() - kStart)),
        5000);
}

// n2 in the story: first seen alive at 1 (second 2), suspect (second 3), refuted alive at 2
// (second 4). Selecting it in the table shows what the capture said, up to the scrubber.
void TstCaptureWindow::selectedMemberShowsItsHistoryUpToTheScrubber()
{
    const auto playback = load(m_path);
    QVERIFY(playback);
    CaptureWindow window(playback, QStringLiteral("story.pcap"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("captureMemberTable"));
    QVERIFY(table);
    const int row = window.members()->rowOf(QStringLiteral("n2"));
    QVERIFY(row >= 0);
    table->setCurrentIndex(window.members()->index(row, 0));
    ui::CaptureMemberHistory *history = window.memberHistory();
    QCOMPARE(history->member(), QStringLiteral("n2"));
    QCOMPARE(history->rowCount(), 3);
    QVERIFY2(history->sentence().startsWith(QLatin1String("n2 is alive at incarnation 2")),
             qPrintable(history->sentence()));
    QVERIFY2(history->sentence().contains(QLatin1String("1.0 s after it was suspect")),
             qPrintable(history->sentence()));

    window.showAt(kStart + 3 * kSecond + kSecond / 2); // back to its suspicion
    QCOMPARE(history->rowCount(), 2);
    QVERIFY2(history->sentence().startsWith(QLatin1String("n2 is suspect at incarnation 1")),
             qPrintable(history->sentence()));
}

// Bytes Serf 0.9.4 itself writes (tests/serf/serf_vectors.h): the playback names them as a
// Serf-mode node's log does, and the member table shows the tags.
void TstCaptureWindow::serfTrafficPlaysBackWithItsTypesAndTags()
{
    namespace vectors = grapevine::serf::vectors;
    wire::Alive tagged = alive("s1", 1, 1);
    tagged.meta = wire::fromHex(vectors::kTags);
    const QString path = m_dir.filePath(QStringLiteral("serf.pcap"));
    QVERIFY(writePcap(path.toStdString(), kLinkEthernet,
                      {at(1, {tagged}), at(2, {wire::UserMsg{wire::fromHex(vectors::kUserEvent)}}),
                       at(3, {wire::Ack{7, wire::fromHex(vectors::kAckCoordinate)}}),
                       at(4, {wire::UserMsg{wire::toBytes("plain text")}})}));
    const auto playback = load(path);
    QVERIFY(playback);
    QCOMPARE(playback->packets().size(), std::size_t(4));
    const TracedMessage &event = playback->packets()[1].messages.at(0);
    QCOMPARE(event.type, wire::MessageType::User);
    QCOMPARE(event.innerType, QStringLiteral("serf-user-event"));
    QVERIFY2(event.summary.contains(QLatin1String("Name=grapevine-value Payload=hello")),
             qPrintable(event.summary));
    const TracedMessage &ack = playback->packets()[2].messages.at(0);
    QCOMPARE(ack.type, wire::MessageType::Ack);
    QVERIFY2(ack.summary.contains(QLatin1String("Coordinate=vivaldi Vec(ms)=[1,0,0,0,0,0,0,0]")),
             qPrintable(ack.summary));
    const TracedMessage &plain = playback->packets()[3].messages.at(0);
    QCOMPARE(plain.type, wire::MessageType::User); // not Serf's: left to the value reader
    QVERIFY2(plain.summary.contains(QLatin1String("plain value=\"plain text\"")),
             qPrintable(plain.summary));

    CaptureWindow window(playback, QStringLiteral("serf.pcap"));
    const MemberSnapshot s1 = window.members()->memberAt(window.members()->rowOf("s1"));
    QVERIFY(s1.hasTags);
    QCOMPARE(s1.tags, (QMap<QString, QString>{{QStringLiteral("role"), QStringLiteral("web")}}));
    const QModelIndex tags = window.members()->index(window.members()->rowOf("s1"),
                                                     int(ui::MemberTableModel::Column::Tags));
    QCOMPARE(tags.data().toString(), QStringLiteral("role=web"));
    // A Serf cluster is read by its tags: the column stands beside the state.
    const auto *table = window.findChild<QTableView *>(QStringLiteral("captureMemberTable"));
    QVERIFY(table);
    QCOMPARE(table->horizontalHeader()->visualIndex(int(ui::MemberTableModel::Column::Tags)),
             table->horizontalHeader()->visualIndex(int(ui::MemberTableModel::Column::State)) + 1);
}

// A push/pull whose user state is Serf's shows that state beneath "user state".
void TstCaptureWindow::serfPushPullStateIsDescribed()
{
    CaptureRecord record;
    record.channel = Transport::Tcp;
    record.messages.push_back(
        wire::PushPull{false, {}, wire::fromHex(grapevine::serf::vectors::kPushPull)});
    const PacketTrace trace = CapturePlayback::toTrace(record);
    const TracedMessage &m = trace.messages.at(0);
    QVERIFY2(m.summary.contains(QLatin1String("UserState=serf-push-pull")), qPrintable(m.summary));
    QStringList names;
    for (const TracedField &field : m.fields)
        names << field.name + QLatin1Char('=') + field.value;
    QVERIFY2(names.contains(QStringLiteral("Serf=serf-push-pull")), qPrintable(names.join(' ')));
    QVERIFY2(names.contains(QStringLiteral("LTime=3")), qPrintable(names.join(' ')));
    QVERIFY2(names.contains(QStringLiteral("QueryLTime=9")), qPrintable(names.join(' ')));
}

void TstCaptureWindow::damagedFileStillPlaysWhatWasRead()
{
    const QString cut = m_dir.filePath(QStringLiteral("cut.pcap"));
    QVERIFY(QFile::copy(m_path, cut));
    std::filesystem::resize_file(cut.toStdString(),
                                 std::filesystem::file_size(cut.toStdString()) - 5);
    const auto playback = load(cut);
    QVERIFY(playback);
    QCOMPARE(playback->packets().size(), std::size_t(4));
    QVERIFY2(playback->damage().contains(QLatin1String("truncated")),
             qPrintable(playback->damage()));
}

void TstCaptureWindow::missingFileFailsWithTheReason()
{
    CaptureLoader loader(m_dir.filePath(QStringLiteral("missing.pcap")), {});
    QSignalSpy failed(&loader, &CaptureLoader::failed);
    loader.load();
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("cannot open")));
}

void TstCaptureWindow::cancelStopsTheLoader()
{
    const QString big = m_dir.filePath(QStringLiteral("big.pcap"));
    std::vector<CapturedFrame> frames;
    for (int i = 0; i < 5000; ++i)
        frames.push_back(at(i, {alive("n1", 1, 1)}));
    QVERIFY(writePcap(big.toStdString(), kLinkEthernet, frames));
    CaptureLoader loader(big, {});
    QSignalSpy failed(&loader, &CaptureLoader::failed);
    QSignalSpy loaded(&loader, &CaptureLoader::loaded);
    QSignalSpy progressed(&loader, &CaptureLoader::progressed);
    loader.cancel();
    loader.load();
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("cancelled"));
    QCOMPARE(progressed.size(), 1); // it stopped at the first progress report
}

// libpcap's read timeout is only a buffering hint on Linux: a blocking read on a silent
// interface never returned, so closing a tap window hung until the next gossip packet.
void TstCaptureWindow::silentTapStillReturns()
{
    GRAPEVINE_REQUIRE_PEER(::geteuid() == 0, QStringLiteral("root (capture rights for the tap)"));
    auto tap = LiveTap::open("lo", {grapevine::testing::freePort()}, "tst_capture_window");
    QVERIFY2(tap.ok(), tap ? "" : tap.error().message.c_str());
    CapturedFrame frame;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(int((*tap)->next(frame)), int(LiveTap::Status::Timeout));
}

void TstCaptureWindow::tapWindowFollowsLiveGossip()
{
    GRAPEVINE_REQUIRE_PEER(::geteuid() == 0, QStringLiteral("root (capture rights for the tap)"));
    const quint16 port = grapevine::testing::freePort();
    capture::DecodeOptions options;
    options.ports = {port};
    ui::TapWindow window(QStringLiteral("lo"), options);
    QTRY_VERIFY2_WITH_TIMEOUT(
        window.statusBar()->currentMessage().contains(QLatin1String("Tapping lo")),
        qPrintable(window.statusBar()->currentMessage()), 10000);
    QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("nothing is sent")));
    // Real memberlist datagrams on loopback (nobody listens: the tap sees them all the same).
    QUdpSocket socket;
    const wire::Bytes packet = sealed({alive("n9", 7, 9)});
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            socket.writeDatagram(reinterpret_cast<const char *>(packet.data()),
                                 qint64(packet.size()), QHostAddress::LocalHost, port);
            return window.members()->rowOf(QStringLiteral("n9")) >= 0;
        }(),
        qPrintable(QStringLiteral("n9 not listed; %1 rows, status '%2'")
                       .arg(window.members()->rowCount())
                       .arg(window.statusBar()->currentMessage())),
        10000);
    QCOMPARE(window.members()->memberAt(window.members()->rowOf(QStringLiteral("n9"))).incarnation,
             7u);
    QTRY_VERIFY2_WITH_TIMEOUT(window.log()->rowCount() > 0, "the tap window logged no packet",
                              5000);
}

namespace {

std::vector<capture::CaptureRecord> reopen(const QString &path, const wire::Keyring &keys)
{
    auto file = capture::PcapFile::open(path.toStdString());
    if (!file)
        return {};
    capture::DecodeOptions options;
    options.keyring = keys;
    capture::CaptureDecoder decoder(options);
    capture::CapturedFrame frame;
    while ((*file)->next(frame) == capture::PcapFile::Status::Frame)
        decoder.handleFrame(frame);
    decoder.finish();
    return decoder.drainRecords();
}

} // namespace

void TstCaptureWindow::logExportedAsPcapngReopensAsTheSameRows()
{
    wire::Keyring keys;
    (void)keys.addKey(wire::Bytes(16, 4));
    wire::PacketOptions encrypted;
    encrypted.keyring = &keys;
    wire::StreamOptions stream;
    stream.keyring = &keys;
    const wire::Endpoint peer = endpoint(2, 7946);
    const wire::Bytes frame =
        wire::encodeFrame(wire::UserMsg{wire::toBytes("over tcp")}, stream, wire::Bytes(12, 1));
    QList<PacketTrace> traces{
        net::PacketTracer::make(Direction::Out, TraceChannel::Udp, peer,
                                sealed({alive("n1", 1, 1)}), {}, {}),
        net::PacketTracer::make(Direction::In, TraceChannel::Udp, peer,
                                sealed({alive("n2", 3, 2)}, encrypted), {}, {}),
        net::PacketTracer::make(Direction::In, TraceChannel::Tcp, peer, frame, {}, {})};
    for (int i = 0; i < traces.size(); ++i)
        traces[i].timeNs = kStart + i * kSecond;
    const QString self = QStringLiteral("10.0.0.1:7946");
    const QString path = m_dir.filePath(QStringLiteral("log.pcapng"));
    QCOMPARE(ui::exportTracesAsPcapng(traces, self, nullptr, path), QString());
    const auto records = reopen(path, keys);
    QCOMPARE(records.size(), std::size_t(3));
    for (int i = 0; i < traces.size(); ++i) {
        const PacketTrace row = CapturePlayback::toTrace(records[std::size_t(i)]);
        QCOMPARE(row.timeNs, traces[i].timeNs);
        QCOMPARE(row.raw, traces[i].raw);
        QCOMPARE(row.channel, traces[i].channel);
        QVERIFY2(row.error.isEmpty(), qPrintable(row.error));
    }
    QVERIFY(records[0].from == endpoint(1, 7946) && records[0].to == peer); // sent by us
    QVERIFY(records[1].from == peer);                                       // received
    QCOMPARE(records[2].messages.size(), std::size_t(1));

    // Decrypted: readable without the key, each decrypted packet marked.
    const QString plain = m_dir.filePath(QStringLiteral("plain.pcapng"));
    QCOMPARE(ui::exportTracesAsPcapng(traces, self, &keys, plain), QString());
    const auto opened = reopen(plain, {});
    QCOMPARE(opened.size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i) {
        QVERIFY2(opened[i].decoded(), opened[i].error.c_str());
        QVERIFY(opened[i].messages == records[i].messages);
    }
    QFile bytes(plain);
    QVERIFY(bytes.open(QIODevice::ReadOnly));
    QCOMPARE(bytes.readAll().count(capture::kDecryptedComment), qsizetype(2));
}

GRAPEVINE_TEST_MAIN_WITH(QApplication, TstCaptureWindow)
#include "tst_capture_window.moc"
