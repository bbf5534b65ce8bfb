// local_nodes.h — whole Nodes in the test's own process for tests of core/node: each on
// 127.0.0.1 with a port the kernel picks, the `local` profile and its own data folder, all in
// one temporary directory that goes with the fixture. Header-only, so only the programs that
// include it link grapevine_node.
#pragma once

#include "core/node/node.h"

#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace grapevine::testing {

class LocalNodes {
public:
    [[nodiscard]] bool isValid() const { return m_dir.isValid(); }

    // What start(name) uses; a test changes a field, then passes them to start.
    [[nodiscard]] NodeOptions options(const QString &name) const
    {
        NodeOptions options;
        options.name = name;
        options.bindHost = QStringLiteral("127.0.0.1");
        options.bindPort = 0;
        options.profile = QStringLiteral("local");
        options.dataDir = m_dir.filePath(name.isEmpty() ? QStringLiteral("unnamed") : name);
        return options;
    }

    // Starts a node with `options`, or with options(name) when they name no data folder. A
    // node that cannot start ends the test program, saying why: nothing after it can pass.
    Node &start(const QString &name, NodeOptions options = {})
    {
        if (options.dataDir.isEmpty())
            options = this->options(name);
        m_nodes.push_back(std::make_unique<Node>(options));
        Node &node = *m_nodes.back();
        QString error;
        if (!node.start(&error))
            qFatal("start %s: %s", qPrintable(name), qPrintable(error));
        return node;
    }

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<Node>> m_nodes; // destroyed before m_dir
};

// Members `node` holds as alive, itself included.
inline int aliveMembers(const Node &node)
{
    int alive = 0;
    for (const MemberSnapshot &m : node.members())
        alive += m.state == MemberState::Alive ? 1 : 0;
    return alive;
}

} // namespace grapevine::testing
