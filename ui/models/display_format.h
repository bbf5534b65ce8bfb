// display_format.h — how the window spells the Node's value types: state names and colours,
// versions, durations, the packet analyzer's columns and the hex dump.
// Pure functions of their arguments (no clock reads): models pass "now" in.
#pragma once

#include "core/node/node_types.h"

#include <QColor>
#include <QString>

namespace grapevine::ui {

[[nodiscard]] QString stateText(MemberState state);
[[nodiscard]] QColor stateColor(MemberState state);
[[nodiscard]] QString versionText(const ValueVersion &version); // "3@n1", "—" when null
[[nodiscard]] QString durationText(qint64 ms);                  // "12 s", "3 min 4 s", "2 h 5 min"
[[nodiscard]] QString elapsedText(qint64 us);                   // "412 µs", "4.2 ms", "1.3 s"
[[nodiscard]] QString directionText(Direction direction);       // "→" out, "←" in
[[nodiscard]] QString channelText(TraceChannel channel);        // "UDP" | "TCP"
[[nodiscard]] QString peerText(const PacketTrace &trace);       // "n2 (127.0.0.1:7947)"
// "ping", or "compound[ping, alive, alive]" when the packet carried several messages.
[[nodiscard]] QString typesText(const PacketTrace &trace);
[[nodiscard]] QString timeText(qint64 timeNs); // local "12:34:56.789"
// Offset, 16 bytes of hex, ASCII; one line per 16 bytes.
[[nodiscard]] QString hexDump(const QByteArray &bytes);

} // namespace grapevine::ui
