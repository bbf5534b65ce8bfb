// node_command_line.h — the node options grapevine and grapevine-agent share, on their
// command lines (the names are the contract of docs/user-guide.md), read into NodeOptions.
#pragma once

#include "core/node/node_options.h"

class QCommandLineParser;

namespace grapevine {

// Adds the shared options to a parser.
void addNodeOptions(QCommandLineParser &parser);
// Reads them back; on a bad value returns false and sets *error to one clear line.
bool readNodeOptions(const QCommandLineParser &parser, NodeOptions *options, QString *error);

} // namespace grapevine
