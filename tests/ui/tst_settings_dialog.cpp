// Settings: key validation and the install / make primary / remove buttons, bind address
// validation, and the round trip through QSettings.
#include "ui/app_settings.h"
#include "ui/settings_dialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace grapevine::ui;

class TestSettingsDialog : public QObject {
    Q_OBJECT
private slots:
    void keysMustBeBase64Of16To32Bytes_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("valid");
        QTest::newRow("16") << QString::fromLatin1(QByteArray(16, 'k').toBase64()) << true;
        QTest::newRow("24") << QString::fromLatin1(QByteArray(24, 'k').toBase64()) << true;
        QTest::newRow("32") << QString::fromLatin1(QByteArray(32, 'k').toBase64()) << true;
        QTest::newRow("15") << QString::fromLatin1(QByteArray(15, 'k').toBase64()) << false;
        QTest::newRow("not base64") << QStringLiteral("@@@@") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void keysMustBeBase64Of16To32Bytes() {
        QFETCH(QString, key);
        QFETCH(bool, valid);
        QCOMPARE(AppSettings::isValidKey(key), valid);
    }

    void installRejectsABadKeyAndMakePrimaryReorders() {
        AppSettings settings;
        settings.keys = {QString::fromLatin1(QByteArray(16, 'a').toBase64())};
        SettingsDialog dialog(settings);
        auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit"));
        auto *keys = dialog.findChild<QListWidget *>(QStringLiteral("keysList"));
        auto *install = dialog.findChild<QPushButton *>(QStringLiteral("installKeyButton"));
        edit->setText(QStringLiteral("short"));
        install->click();
        QCOMPARE(keys->count(), 1);
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("settingsMessage"))->text().isEmpty());
        const QString second = QString::fromLatin1(QByteArray(32, 'b').toBase64());
        edit->setText(second);
        install->click();
        QCOMPARE(keys->count(), 2);
        keys->setCurrentRow(1);
        dialog.findChild<QPushButton *>(QStringLiteral("primaryKeyButton"))->click();
        QCOMPARE(dialog.settings().keys.front(), second);
        dialog.findChild<QPushButton *>(QStringLiteral("removeKeyButton"))->click();
        QCOMPARE(dialog.settings().keys.size(), 1);
    }

    void badBindAddressKeepsTheDialogOpen() {
        SettingsDialog dialog(AppSettings{});
        dialog.show();
        dialog.findChild<QLineEdit *>(QStringLiteral("bindEdit"))
            ->setText(QStringLiteral("nowhere:99999"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        dialog.findChild<QLineEdit *>(QStringLiteral("bindEdit"))
            ->setText(QStringLiteral("127.0.0.1:7000"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.settings().bind, QStringLiteral("127.0.0.1:7000"));
    }

    void settingsSurviveARoundTrip() {
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("g.ini")), QSettings::IniFormat);
        AppSettings s;
        s.name = QStringLiteral("n1");
        s.profile = QStringLiteral("wan");
        s.logSize = 2000;
        for (int i = 0; i < 12; ++i)
            s.addRecentPeer(QStringLiteral("10.0.0.%1:7946").arg(i));
        s.addRecentPeer(QStringLiteral("10.0.0.5:7946"));
        s.save(store);
        const AppSettings back = AppSettings::load(store);
        QCOMPARE(back.name, s.name);
        QCOMPARE(back.profile, QStringLiteral("wan"));
        QCOMPARE(back.logSize, 2000);
        QCOMPARE(back.recentPeers.size(), AppSettings::kMaxRecentPeers);
        QCOMPARE(back.recentPeers.front(), QStringLiteral("10.0.0.5:7946"));
        QCOMPARE(back.recentPeers.count(QStringLiteral("10.0.0.5:7946")), 1);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"
