// The value panel: the byte meter, the over-limit error with Set disabled, the set request,
// and the current value, version and convergence text.
#include "ui/widgets/elided_label.h"
#include "ui/widgets/value_panel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace grapevine;
using namespace grapevine::ui;

class TestValuePanel : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_panel = std::make_unique<ValuePanel>();
        m_panel->setMaxBytes(512);
        m_panel->show();
        m_edit = m_panel->findChild<QLineEdit *>(QStringLiteral("valueEdit"));
        m_set = m_panel->findChild<QPushButton *>(QStringLiteral("setButton"));
        m_meter = m_panel->findChild<QLabel *>(QStringLiteral("sizeMeter"));
        m_error = m_panel->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QVERIFY(m_edit && m_set && m_meter && m_error);
    }
    void cleanup() { m_panel.reset(); }

    // A value longer than the panel is wide, or with several lines, is shown on one line,
    // elided, with the whole text in the tooltip and a "Full value…" window.
    void aLongValueIsElidedAndReadableInFull()
    {
        const QString longValue = QStringLiteral("grapes ").repeated(60) + QStringLiteral("\nend");
        m_panel->resize(360, 300);
        m_panel->showValue({longValue, {3, QStringLiteral("n1")}, 1});
        auto *current = m_panel->findChild<ElidedLabel *>(QStringLiteral("currentValue"));
        QVERIFY(current);
        QCOMPARE(current->text(), longValue);
        QVERIFY(current->isElided());
        QVERIFY(current->shownText().endsWith(QStringLiteral("…")));
        QVERIFY(current->fontMetrics().horizontalAdvance(current->shownText()) <=
                current->contentsRect().width());
        QCOMPARE(current->toolTip(), longValue);
        auto *full = m_panel->findChild<QToolButton *>(QStringLiteral("fullValueButton"));
        QVERIFY(full->isVisible());
        QTest::mouseClick(full, Qt::LeftButton);
        auto *view = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("fullValueView"));
        QVERIFY(view);
        QCOMPARE(view->toPlainText(), longValue);
    }

    void aShortValueNeedsNoFullView()
    {
        m_panel->resize(360, 300);
        m_panel->showValue({QStringLiteral("blue"), {3, QStringLiteral("n1")}, 1});
        auto *current = m_panel->findChild<ElidedLabel *>(QStringLiteral("currentValue"));
        QVERIFY(!current->isElided());
        QVERIFY(!m_panel->findChild<QToolButton *>(QStringLiteral("fullValueButton"))->isVisible());
    }

    void setAndSyncAreDisabledOutOfTheCluster()
    {
        auto *sync = m_panel->findChild<QPushButton *>(QStringLiteral("syncButton"));
        m_panel->setInCluster(false);
        QVERIFY(!m_set->isEnabled());
        QVERIFY(!m_edit->isEnabled());
        QVERIFY(!sync->isEnabled());
        m_panel->setInCluster(true);
        QVERIFY(m_set->isEnabled());
        QVERIFY(sync->isEnabled());
    }

    void meterCountsUtf8Bytes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("meter");
        QTest::newRow("empty") << QString() << QStringLiteral("0 / 512 bytes");
        QTest::newRow("ascii") << QStringLiteral("hello") << QStringLiteral("5 / 512 bytes");
        QTest::newRow("two-byte letters")
            << QStringLiteral("héé") << QStringLiteral("5 / 512 bytes");
        QTest::newRow("emoji") << QStringLiteral("🍇") << QStringLiteral("4 / 512 bytes");
    }
    void meterCountsUtf8Bytes()
    {
        QFETCH(QString, text);
        QFETCH(QString, meter);
        m_edit->setText(text); // keyClicks types Latin-1 only
        QCOMPARE(m_meter->text(), meter);
        QVERIFY(m_set->isEnabled());
        QVERIFY(m_error->isHidden());
    }

    void overTheLimitShowsAnErrorAndDisablesSet()
    {
        QSignalSpy spy(m_panel.get(), &ValuePanel::setRequested);
        m_edit->setText(QString(513, QLatin1Char('x')));
        QCOMPARE(m_meter->text(), QStringLiteral("513 / 512 bytes"));
        QVERIFY(!m_set->isEnabled());
        QVERIFY(m_error->isVisible());
        QVERIFY(m_error->text().contains(QStringLiteral("512")));
        QTest::keyClick(m_edit, Qt::Key_Return);
        QCOMPARE(spy.count(), 0);
        m_edit->setText(QString(512, QLatin1Char('x')));
        QVERIFY(m_set->isEnabled());
        QVERIFY(m_error->isHidden());
    }

    void setButtonAndEnterRequestTheValue()
    {
        QSignalSpy spy(m_panel.get(), &ValuePanel::setRequested);
        QTest::keyClicks(m_edit, QStringLiteral("blue"));
        QTest::mouseClick(m_set, Qt::LeftButton);
        QTest::keyClick(m_edit, Qt::Key_Return);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("blue"));
    }

    void showsValueVersionAndConvergence()
    {
        ValueSnapshot value;
        value.value = QStringLiteral("blue");
        value.version = {7, QStringLiteral("n3")};
        value.updatedMs = 1'700'000'000'000;
        m_panel->showValue(value);
        QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("currentValue"))->text(),
                 QStringLiteral("blue"));
        QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("versionLabel"))
                    ->text()
                    .contains(QStringLiteral("Lamport 7 · origin n3")));
        auto *convergence = m_panel->findChild<QLabel *>(QStringLiteral("convergenceLabel"));
        m_panel->showConvergence({value.version, 5, 9, 2000, false});
        QCOMPARE(convergence->text(), QStringLiteral("reaching… 5/9"));
        m_panel->showConvergence({value.version, 9, 9, 4000, true});
        QCOMPARE(convergence->text(), QStringLiteral("✓ reached 9/9 members in 4.0 ms"));
    }

    void smallerLimitAppliesToTheCurrentText()
    {
        QTest::keyClicks(m_edit, QStringLiteral("0123456789"));
        m_panel->setMaxBytes(8);
        QVERIFY(!m_set->isEnabled());
        QCOMPARE(m_meter->text(), QStringLiteral("10 / 8 bytes"));
    }

private:
    std::unique_ptr<ValuePanel> m_panel;
    QLineEdit *m_edit = nullptr;
    QPushButton *m_set = nullptr;
    QLabel *m_meter = nullptr;
    QLabel *m_error = nullptr;
};

QTEST_MAIN(TestValuePanel)
#include "tst_value_panel.moc"
