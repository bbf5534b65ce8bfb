// pcapng_log_export.h — the packet log (all rows or the filtered ones) written as pcapng:
// each PacketTrace becomes a real IP/UDP/TCP packet between this node and its peer, at the
// node's own timestamp, as captured or — with keys — decrypted and marked with the packet
// comment "grapevine: decrypted". Re-opened (File › Open capture…, grapevine-decode) it
// gives the same rows.
#pragma once

#include "core/capture/capture_record.h"
#include "core/node/node_types.h"
#include "core/wire/keyring.h"

#include <QList>
#include <QString>

namespace grapevine::ui {

// The record a capture of this packet would have produced; `self` is the node's
// "host:port". With `decryptWith`, encrypted payloads are decrypted (when a key fits).
// False (and nothing in `out`) when the addresses cannot be read.
bool traceToRecord(const PacketTrace &trace, const QString &self, const wire::Keyring *decryptWith,
                   capture::CaptureRecord *out);

// Writes `traces` to `path`. Returns "" on success, else the reason.
QString exportTracesAsPcapng(const QList<PacketTrace> &traces, const QString &self,
                             const wire::Keyring *decryptWith, const QString &path);

} // namespace grapevine::ui
