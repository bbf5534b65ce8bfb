// peak_rss.h — a process's memory as the kernel reports it in /proc/<pid>/status: the peak
// resident set (VmHWM) and the current one (VmRSS), in KiB. Tests bound a peer's growth with
// it; benchmarks print it. -1 when the file or the field cannot be read (not Linux, gone).
#pragma once

#include <QtGlobal>

namespace grapevine::testing {

qint64 peakRssKb(qint64 pid); // VmHWM of another process
qint64 ownPeakRssKb();        // VmHWM of this process
qint64 ownRssKb();            // VmRSS of this process, now
// Starts this process's VmHWM again from its current RSS (Linux ≥ 4.0: writing 5 to
// /proc/self/clear_refs), so a later peak counts only what came after.
void resetOwnPeakRss();

} // namespace grapevine::testing
