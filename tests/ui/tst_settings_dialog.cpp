// Settings: key validation (what is wrong, never echoing the key), keys listed by
// fingerprint, the install / make primary / remove buttons, bind address validation, and
// the round trip through QSettings.
#include "ui/app_settings.h"
#include "ui/dialogs/settings_dialog.h"

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
    void keysMustBeBase64Of16To32Bytes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("valid");
        QTest::newRow("16") << QString::fromLatin1(QByteArray(16, 'k').toBase64()) << true;
        QTest::newRow("24") << QString::fromLatin1(QByteArray(24, 'k').toBase64()) << true;
        QTest::newRow("32") << QString::fromLatin1(QByteArray(32, 'k').toBase64()) << true;
        QTest::newRow("15") << QString::fromLatin1(QByteArray(15, 'k').toBase64()) << false;
        QTest::newRow("not base64") << QStringLiteral("@@@@") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void keysMustBeBase64Of16To32Bytes()
    {
        QFETCH(QString, key);
        QFETCH(bool, valid);
        QCOMPARE(AppSettings::isValidKey(key), valid);
    }

    void keyProblemSaysWhatIsWrongWithoutRepeatingTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << QStringLiteral("Paste a key");
        QTest::newRow("not base64")
            << QStringLiteral("s3cr3t-not-base64!") << QStringLiteral("not valid base64");
        QTest::newRow("15 bytes") << QString::fromLatin1(QByteArray("fifteen-secret!").toBase64())
                                  << QStringLiteral("15 bytes; AES keys are 16, 24 or 32 bytes");
        QTest::newRow("33 bytes") << QString::fromLatin1(QByteArray(33, 'x').toBase64())
                                  << QStringLiteral("33 bytes");
        QTest::newRow("valid") << QString::fromLatin1(QByteArray(24, 'x').toBase64()) << QString();
    }
    void keyProblemSaysWhatIsWrongWithoutRepeatingTheKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, says);
        const QString problem = AppSettings::keyProblem(key);
        QVERIFY2(says.isEmpty() ? problem.isEmpty() : problem.contains(says), qPrintable(problem));
        QVERIFY(key.isEmpty() || !problem.contains(key));
    }

    void keysAreListedByFingerprintNeverShown()
    {
        const QString first = QString::fromLatin1(QByteArray(16, 'a').toBase64());
        const QString second = QString::fromLatin1(QByteArray(32, 'b').toBase64());
        AppSettings settings;
        settings.keys = {first, second};
        SettingsDialog dialog(settings);
        auto *keys = dialog.findChild<QListWidget *>(QStringLiteral("keysList"));
        QCOMPARE(keys->count(), 2);
        QVERIFY2(keys->item(0)->text().startsWith(AppSettings::keyFingerprint(first)),
                 qPrintable(keys->item(0)->text()));
        QVERIFY(keys->item(0)->text().contains(QStringLiteral("primary")));
        QCOMPARE(keys->item(1)->text(), AppSettings::keyFingerprint(second));
        QVERIFY(AppSettings::keyFingerprint(second).startsWith(QStringLiteral("AES-256 · ")));
        QVERIFY(AppSettings::keyFingerprint(first) !=
                AppSettings::keyFingerprint(QString::fromLatin1(QByteArray(16, 'c').toBase64())));
        for (int i = 0; i < keys->count(); ++i) {
            QVERIFY(!keys->item(i)->text().contains(first));
            QVERIFY(!keys->item(i)->text().contains(second));
        }
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("keysNote"))->isHidden());
        QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit"))->echoMode(),
                 QLineEdit::PasswordEchoOnEdit);
    }

    void installingTwiceAndRemovingTheLastKeySayWhy()
    {
        const QString key = QString::fromLatin1(QByteArray(16, 'a').toBase64());
        AppSettings settings;
        settings.keys = {key};
        SettingsDialog dialog(settings);
        auto *keys = dialog.findChild<QListWidget *>(QStringLiteral("keysList"));
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("settingsMessage"));
        dialog.findChild<QLineEdit *>(QStringLiteral("keyEdit"))->setText(key);
        dialog.findChild<QPushButton *>(QStringLiteral("installKeyButton"))->click();
        QCOMPARE(keys->count(), 1);
        QCOMPARE(message->text(), QStringLiteral("That key is already installed."));
        dialog.findChild<QPushButton *>(QStringLiteral("removeKeyButton"))->click();
        QCOMPARE(keys->count(), 1); // nothing selected: nothing removed
        QVERIFY(message->text().contains(QStringLiteral("Select")));
        keys->setCurrentRow(0);
        dialog.findChild<QPushButton *>(QStringLiteral("removeKeyButton"))->click();
        QCOMPARE(keys->count(), 0);
        QVERIFY(dialog.settings().keys.isEmpty());
        auto *note = dialog.findChild<QLabel *>(QStringLiteral("keysNote"));
        QVERIFY(note->text().contains(QStringLiteral("neither encrypts nor decrypts")));
        QVERIFY(!note->isHidden());
    }

    void installRejectsABadKeyAndMakePrimaryReorders()
    {
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

    void badBindAddressKeepsTheDialogOpen()
    {
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

    void settingsSurviveARoundTrip()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath(QStringLiteral("g.ini")), QSettings::IniFormat);
        AppSettings s;
        s.name = QStringLiteral("n1");
        s.profile = QStringLiteral("wan");
        s.logSize = 2000;
        s.keys = {QString::fromLatin1(QByteArray(32, 'k').toBase64()),
                  QString::fromLatin1(QByteArray(16, 'j').toBase64())};
        s.label = QStringLiteral("prod");
        for (int i = 0; i < 12; ++i)
            s.addRecentPeer(QStringLiteral("10.0.0.%1:7946").arg(i));
        s.addRecentPeer(QStringLiteral("10.0.0.5:7946"));
        s.save(store);
        const AppSettings back = AppSettings::load(store);
        QCOMPARE(back.name, s.name);
        QCOMPARE(back.profile, QStringLiteral("wan"));
        QCOMPARE(back.logSize, 2000);
        QCOMPARE(back.keys, s.keys); // order kept: the first one encrypts
        QCOMPARE(back.label, s.label);
        QCOMPARE(back.recentPeers.size(), AppSettings::kMaxRecentPeers);
        QCOMPARE(back.recentPeers.front(), QStringLiteral("10.0.0.5:7946"));
        QCOMPARE(back.recentPeers.count(QStringLiteral("10.0.0.5:7946")), 1);
    }

    // Two windows share one store: saving Settings in one must not wipe the recent peers
    // another window added since the first one loaded its (now stale) copy.
    void savingSettingsKeepsWhatOtherWindowsRemembered()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.ini"));
        QSettings first(path, QSettings::IniFormat);
        QSettings second(path, QSettings::IniFormat);
        AppSettings stale = AppSettings::load(first); // window 1 starts: no peers yet
        AppSettings::rememberPeer(second, QStringLiteral("10.0.0.7:7946"),
                                  {QStringLiteral("node7")}); // window 2 joins
        stale.label = QStringLiteral("edited in window 1");
        stale.saveEdited(first); // window 1 saves its Settings
        first.sync();
        AppSettings::rememberPeer(first, QStringLiteral("10.0.0.8:7946"), {}); // window 1 joins
        QSettings reader(path, QSettings::IniFormat);
        const AppSettings merged = AppSettings::load(reader);
        QCOMPARE(merged.label, QStringLiteral("edited in window 1"));
        QCOMPARE(merged.recentPeers,
                 (QStringList{QStringLiteral("10.0.0.8:7946"), QStringLiteral("10.0.0.7:7946")}));
        QCOMPARE(merged.recentPeerNames.value(QStringLiteral("10.0.0.7:7946")),
                 QStringLiteral("node7"));
    }

    void theDialogSaysTheSettingsAreSharedAndWhenTheyApply()
    {
        SettingsDialog dialog{AppSettings{}};
        const QString note = dialog.findChild<QLabel *>(QStringLiteral("noteLabel"))->text();
        QVERIFY2(note.contains(QStringLiteral("shared by every Grapevine window")),
                 qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("started from now on")), qPrintable(note));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"
