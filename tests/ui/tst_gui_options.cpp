// The window's command line merged with remembered settings: settings fill in what the
// command line leaves out, keys given by --key or --key-file replace the remembered ones
// (never mixed in front of them), and a bad key is refused without echoing it.
#include "app/gui/gui_options.h"

#include <QTemporaryDir>
#include <QTest>

using namespace grapevine;
using namespace grapevine::gui;
using grapevine::ui::AppSettings;

namespace {
QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}
} // namespace

class TestGuiOptions : public QObject {
    Q_OBJECT
private slots:
    void rememberedKeysApplyWhenNoneAreGiven()
    {
        AppSettings settings;
        settings.keys = {base64(QByteArray(16, 'r')), base64(QByteArray(32, 's'))};
        GuiOptions options;
        QString error;
        QVERIFY2(parseGuiOptions({QStringLiteral("grapevine")}, settings, &options, &error),
                 qPrintable(error));
        QCOMPARE(options.node.keys, (QByteArrayList{QByteArray(16, 'r'), QByteArray(32, 's')}));
    }

    void givenKeysReplaceRememberedOnes_data()
    {
        QTest::addColumn<bool>("fromFile");
        QTest::newRow("--key") << false;
        QTest::newRow("--key-file") << true;
    }
    void givenKeysReplaceRememberedOnes()
    {
        QFETCH(bool, fromFile);
        AppSettings settings;
        settings.keys = {base64(QByteArray(16, 'r'))};
        const QByteArray given(24, 'g');
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keys"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# the cluster key\n" + given.toBase64() + "\n");
        file.close();
        const QStringList args =
            fromFile
                ? QStringList{QStringLiteral("grapevine"), QStringLiteral("--key-file"), path}
                : QStringList{QStringLiteral("grapevine"), QStringLiteral("--key"), base64(given)};
        GuiOptions options;
        QString error;
        QVERIFY2(parseGuiOptions(args, settings, &options, &error), qPrintable(error));
        QCOMPARE(options.node.keys, QByteArrayList{given});
    }

    // A remembered name must not give every new window the same name (a conflict): it is
    // the prefix of <prefix>-<port>. --name still sets an exact name.
    void rememberedNameIsAPrefixNotAName()
    {
        AppSettings settings;
        settings.name = QStringLiteral("lab");
        GuiOptions options;
        QString error;
        QVERIFY2(parseGuiOptions({QStringLiteral("grapevine")}, settings, &options, &error),
                 qPrintable(error));
        QVERIFY(options.node.name.isEmpty());
        QCOMPARE(options.node.namePrefix, QStringLiteral("lab"));
        QVERIFY(parseGuiOptions(
            {QStringLiteral("grapevine"), QStringLiteral("--name"), QStringLiteral("exact")},
            settings, &options, &error));
        QCOMPARE(options.node.name, QStringLiteral("exact"));
    }

    // File › New window places the new window with --window-pos X,Y.
    void windowPositionIsReadOrRefused()
    {
        GuiOptions options;
        QString error;
        QVERIFY2(parseGuiOptions({QStringLiteral("grapevine"), QStringLiteral("--window-pos"),
                                  QStringLiteral("40,72")},
                                 AppSettings{}, &options, &error),
                 qPrintable(error));
        QCOMPARE(options.windowPos, std::optional<QPoint>(QPoint(40, 72)));
        QVERIFY(!parseGuiOptions(
            {QStringLiteral("grapevine"), QStringLiteral("--window-pos"), QStringLiteral("left")},
            AppSettings{}, &options, &error));
        QVERIFY2(error.contains(QStringLiteral("X,Y")), qPrintable(error));
    }

    void aBadKeyIsRefusedWithoutEchoingIt_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("says");
        QTest::newRow("not base64") << QStringLiteral("s3cr3t!!") << QStringLiteral("base64");
        QTest::newRow("15 bytes") << base64("fifteen-secret!") << QStringLiteral("15 bytes");
    }
    void aBadKeyIsRefusedWithoutEchoingIt()
    {
        QFETCH(QString, key);
        QFETCH(QString, says);
        GuiOptions options;
        QString error;
        QVERIFY(!parseGuiOptions({QStringLiteral("grapevine"), QStringLiteral("--key"), key},
                                 AppSettings{}, &options, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
        QVERIFY2(!error.contains(key), qPrintable(error));
    }
};

QTEST_MAIN(TestGuiOptions)
#include "tst_gui_options.moc"
