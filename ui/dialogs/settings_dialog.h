// settings_dialog.h — edits AppSettings: name, bind address, profile, encryption keys
// (install / make primary / remove, base64-checked), label, plain values and log size.
// Keys are listed by fingerprint, never shown. Node options take effect on the next start
// (the running node's keyring is fixed when it starts); the dialog says so.
#pragma once

#include "ui/app_settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace grapevine::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    // The edited settings (recent peers carried over unchanged).
    [[nodiscard]] AppSettings settings() const;
    void accept() override;

private:
    void buildLayout();
    QWidget *buildKeys();
    void addKeyItem(const QString &key);
    void relabelKeys();
    [[nodiscard]] bool hasKey(const QString &key) const;
    void installKey();
    void generateKey();
    void makePrimary();
    void removeKey();
    void showMessage(const QString &text);

    AppSettings m_original;
    QLineEdit *m_name;
    QLineEdit *m_bind;
    QComboBox *m_profile;
    QLineEdit *m_label;
    QCheckBox *m_plain;
    QSpinBox *m_logSize;
    QListWidget *m_keys;
    QLineEdit *m_keyEdit;
    QLabel *m_keysNote;
    QLabel *m_message;
};

} // namespace grapevine::ui
