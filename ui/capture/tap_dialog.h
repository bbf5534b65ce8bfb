// tap_dialog.h — File › Tap an interface…: the interfaces libpcap can capture on (loopback
// included), the gossip port(s), optional keys (base64 text and/or a key file, checked as
// --key and --key-file are), and Open. Open first tries the tap, so a missing capture right
// is explained here (LiveTap::rightsAdvice, word for word) and the user can still choose
// again; the caller then opens a TapWindow with interfaceName() and decodeOptions().
#pragma once

#include "core/capture/capture_decoder.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTreeWidget;

namespace grapevine::ui {

class TapDialog : public QDialog {
    Q_OBJECT
public:
    // rememberedKeys (base64, from the settings) fill the key box, as the command line uses
    // them when no key is given.
    explicit TapDialog(const QStringList &rememberedKeys = {}, QWidget *parent = nullptr);

    // Selects the interface named `name`; false when it is not listed.
    bool selectInterface(const QString &name);
    [[nodiscard]] QStringList interfaceNames() const;
    [[nodiscard]] QString interfaceName() const;
    // Valid once the dialog was accepted.
    [[nodiscard]] const capture::DecodeOptions &decodeOptions() const { return m_options; }
    [[nodiscard]] QString message() const;

    void accept() override;

private:
    void buildLayout(const QStringList &rememberedKeys);
    void listInterfaces();
    void chooseKeyFile();
    bool readPorts(std::set<std::uint16_t> *ports, QString *error) const;
    bool readKeys(wire::Keyring *keyring, QString *error) const;
    bool tryTap(QString *error) const;
    void showError(const QString &text);

    QTreeWidget *m_interfaces = nullptr;
    QLineEdit *m_ports = nullptr;
    QPlainTextEdit *m_keys = nullptr;
    QLineEdit *m_keyFile = nullptr;
    QLabel *m_message = nullptr;
    capture::DecodeOptions m_options;
};

} // namespace grapevine::ui
