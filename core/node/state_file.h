// state_file.h — the file that keeps the value and the Lamport clock across restarts:
// <dataDir>/<name>.state, written atomically (QSaveFile) so a crash never leaves half a file.
// Never: interprets the format (core/value's persisted_state.h does).
#pragma once

#include "core/value/persisted_state.h"

#include <QString>

#include <optional>

namespace grapevine {

class StateFile {
public:
    // Empty dataDir = the platform's app-data folder.
    StateFile(const QString &dataDir, const QString &nodeName);

    [[nodiscard]] QString path() const { return m_path; }
    // nullopt without *error when there is no file yet; with *error when it is unreadable.
    [[nodiscard]] std::optional<value::PersistedState> load(QString *error) const;
    bool save(const value::ValueRegister::Entry &entry, std::uint64_t clock, QString *error) const;

private:
    QString m_path;
};

} // namespace grapevine
