// The window at the smallest size it supports, 900x600 (issue #17, defect 8): everything fits
// without growing the window, and no label is clipped, elided where it must not be, or
// drawn over another. ctest runs it twice: at 1x and with QT_SCALE_FACTOR=2.
#include "synthetic.h"
#include "ui/main_window.h"
#include "ui/models/member_table_model.h"
#include "ui/widgets/cluster_view.h"
#include "ui/widgets/timeline_chart.h"
#include "ui/widgets/why_panel.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace grapevine;
using namespace grapevine::ui;
using grapevine::testing::makeMember;

namespace {

constexpr QSize kSmallest(900, 600);

// A wrapped label shows all its lines when its height is at least what it needs at its width.
bool showsAllLines(const QLabel *label)
{
    return label->heightForWidth(label->width()) <= label->height();
}

QString describe(const QRectF &r)
{
    return QStringLiteral("(%1,%2 %3x%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

class TestWindowLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("grapevine-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_window_layout"));
    }
    void init()
    {
        m_window = std::make_unique<MainWindow>(AppSettings{});
        m_window->show();
        m_window->resize(kSmallest);
        m_window->onStarted(QStringLiteral("window-node"), QStringLiteral("127.0.0.1:7946"));
        m_window->onMemberChanged(MemberChange::Joined, makeMember(QStringLiteral("window-node"),
                                                                   7946, MemberState::Alive, true));
        for (int i = 1; i <= 3; ++i)
            m_window->onMemberChanged(MemberChange::Joined,
                                      makeMember(QStringLiteral("agent-%1").arg(i), 7946 + i));
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTest::qWait(50); // the layout settles
    }
    void cleanup() { m_window.reset(); }

    void windowFitsIn900x600()
    {
        const QSize minimum = m_window->minimumSizeHint();
        QVERIFY2(
            minimum.width() <= kSmallest.width() && minimum.height() <= kSmallest.height(),
            qPrintable(QStringLiteral("minimum %1x%2").arg(minimum.width()).arg(minimum.height())));
        QCOMPARE(m_window->size(), kSmallest);
        auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("whyDock"));
        QVERIFY(dock && dock->isVisible());
        QVERIFY(dock->height() < kSmallest.height() / 2);
    }

    void memberHeadersAreNotElided()
    {
        auto *table = m_window->findChild<QTableView *>(QStringLiteral("memberTable"));
        QHeaderView *header = table->horizontalHeader();
        for (int c = 0; c < header->count() - 1; ++c) { // the last one stretches
            const QString title = table->model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(header->sectionSize(c) >= header->fontMetrics().horizontalAdvance(title),
                     qPrintable(title));
        }
    }

    void clusterLabelsSitClearOfDotsLegendAndEachOther()
    {
        ClusterView *view = m_window->clusterView();
        const QStringList names{QStringLiteral("window-node"), QStringLiteral("agent-1"),
                                QStringLiteral("agent-2"), QStringLiteral("agent-3")};
        const QRectF legend = view->legendRect();
        QVERIFY(QRectF(view->rect()).contains(legend));
        for (const QString &name : names) {
            const QRectF label = view->labelRectOf(name);
            QVERIFY2(QRectF(view->rect()).contains(label), qPrintable(name + describe(label)));
            QVERIFY2(!label.intersects(legend), qPrintable(name + describe(label)));
            for (const QString &other : names) {
                const QRectF dot = view->dotRectOf(other);
                QVERIFY2(!label.intersects(dot),
                         qPrintable(name + describe(label) + QStringLiteral(" over ") + other +
                                    describe(dot)));
                if (other != name)
                    QVERIFY2(!label.intersects(view->labelRectOf(other)),
                             qPrintable(name + QStringLiteral(" over ") + other));
            }
        }
    }

    void statusMessageIsElidedBeforeThePermanentLabels()
    {
        const QString message =
            QStringLiteral("Could not join 10.20.30.40:7946: no answer over UDP within 5 s, and "
                           "TCP connect timed out (is a firewall dropping the gossip port?)");
        m_window->onErrorOccurred(message);
        QStatusBar *bar = m_window->statusBar();
        const QString shown = bar->currentMessage();
        auto *self = bar->findChild<QLabel *>(QStringLiteral("selfLabel"));
        QVERIFY2(shown.endsWith(QChar(0x2026)), qPrintable(shown));
        QVERIFY2(bar->fontMetrics().horizontalAdvance(shown) < self->x(), qPrintable(shown));
        QCOMPARE(bar->toolTip(), message);
    }

    void whySentenceAndLegendShowAllTheirLines()
    {
        WhyPanel *why = m_window->whyPanel();
        auto *legend = why->findChild<TimelineChart *>()->legend();
        QVERIFY(!legend->text().contains(QChar(0x2026)));
        QVERIFY2(showsAllLines(legend), qPrintable(QStringLiteral("needs %1, has %2")
                                                       .arg(legend->heightForWidth(legend->width()))
                                                       .arg(legend->height())));
        auto *sentence = why->findChild<QLabel *>(QStringLiteral("whySentence"));
        QVERIFY(showsAllLines(sentence));
    }

    void twoLineErrorUnderTheValueIsNotClipped()
    {
        m_window->onSetRefused(QStringLiteral(
            "The value was not set: it is 900 bytes, and the limit is 448 bytes so that it "
            "always fits one UDP packet with room for membership updates."));
        QTest::qWait(50);
        auto *error = m_window->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QVERIFY(error->isVisible());
        QVERIFY2(showsAllLines(error), qPrintable(QStringLiteral("needs %1, has %2")
                                                      .arg(error->heightForWidth(error->width()))
                                                      .arg(error->height())));
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestWindowLayout)
#include "tst_window_layout.moc"
