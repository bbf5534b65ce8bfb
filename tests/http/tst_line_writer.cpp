// LineWriter on a real pipe: a reader that never reads costs dropped lines, never a blocked
// writer; a reader that keeps up gets every line, whole and in order.
#include "core/http/line_writer.h"

#include <QTest>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using grapevine::http::LineWriter;

namespace {

QByteArray lineNumber(int i)
{
    return "line " + QByteArray::number(i) + ' ' + QByteArray(80, 'x') + '\n';
}

// Everything the pipe holds now (its write end may still be open).
QByteArray readAvailable(int fd)
{
    QByteArray all;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            return all;
        all.append(buffer, n);
    }
}

} // namespace

class TstLineWriter : public QObject {
    Q_OBJECT
private slots:
    void readerThatNeverReadsCostsLinesNotTheWriter()
    {
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        QVERIFY(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
        constexpr int kLines = 20000; // ~1.8 MB: far more than the pipe and the queue hold
        {
            LineWriter writer(fds[1], 64 * 1024);
            int accepted = 0;
            // Each write returns at once: were it to wait for the reader, this never ends.
            for (int i = 0; i < kLines; ++i)
                accepted += writer.write(lineNumber(i)) ? 1 : 0;
            QVERIFY(writer.dropped() > 0);
            QCOMPARE(std::uint64_t(accepted) + writer.dropped(), std::uint64_t(kLines));
            QVERIFY(!writer.drain(200)); // the pipe is full and nobody reads: not drained
            // Now the reader reads: what was accepted arrives, whole lines, in order.
            QByteArray got;
            QTRY_VERIFY2_WITH_TIMEOUT(
                (got += readAvailable(fds[0]), writer.drain(0)),
                qPrintable(QStringLiteral("not drained; %1 bytes read").arg(got.size())), 10000);
            got += readAvailable(fds[0]);
            const QList<QByteArray> lines = got.split('\n');
            QCOMPARE(lines.size() - 1, accepted); // split leaves one empty tail
            QCOMPARE(writer.written(), std::uint64_t(accepted));
            int last = -1;
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                const int n = lines[i].split(' ').value(1).toInt();
                QVERIFY2(n > last, lines[i].constData());
                QCOMPARE(lines[i] + '\n', lineNumber(n));
                last = n;
            }
        }
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void readerThatKeepsUpGetsEveryLine()
    {
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        QByteArray got;
        std::thread reader([&got, fd = fds[0]] {
            char buffer[4096];
            ssize_t n;
            while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
                got.append(buffer, n);
        });
        constexpr int kLines = 2000;
        {
            LineWriter writer(fds[1]);
            for (int i = 0; i < kLines; ++i)
                QVERIFY(writer.write(lineNumber(i)));
            QVERIFY(writer.drain(10000));
            QCOMPARE(writer.dropped(), std::uint64_t(0));
            QCOMPARE(writer.written(), std::uint64_t(kLines));
        }
        ::close(fds[1]);
        reader.join();
        ::close(fds[0]);
        QByteArray expected;
        for (int i = 0; i < kLines; ++i)
            expected += lineNumber(i);
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TstLineWriter)
#include "tst_line_writer.moc"
