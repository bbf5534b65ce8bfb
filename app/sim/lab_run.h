// lab_run.h — grapevine-sim --scenario FILE: replays a lab scenario file (what the lab
// window saves) headless to its end, and prints the figures the lab window shows: the
// trace hash, the counters, each recorded action, and the last value's story (time until
// every live node held it, infections by path, Serf's model for the same cluster).
#pragma once

#include <string>

namespace grapevine::simapp {

// Exit code: 0 done, 2 the file cannot be read or is not a valid scenario (the error,
// naming the line, goes to stderr).
int runLabFile(const std::string &path);

} // namespace grapevine::simapp
