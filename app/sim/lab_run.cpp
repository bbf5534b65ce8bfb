#include "lab_run.h"

#include "core/lab/lab_cluster.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace grapevine::simapp {

namespace {

double seconds(protocol::Duration d)
{
    return std::chrono::duration<double>(d).count();
}

void printSetup(const std::string &path, const lab::LabScenario &s)
{
    std::printf("lab scenario %s: %d nodes, seed %llu, %s, %s; %zu actions; until %s s\n",
                path.c_str(), s.setup.nodes, (unsigned long long)s.setup.seed,
                protocol::profileName(s.setup.profile),
                s.setup.start == lab::StartMode::Formed ? "formed" : "joining", s.actions.size(),
                lab::secondsText(s.until).c_str());
    for (const lab::LabAction &a : s.actions)
        std::printf("  %10s s  %s\n", lab::secondsText(a.at).c_str(),
                    lab::describeAction(a).c_str());
}

void printRumor(const lab::LabCluster &lab, int live)
{
    const lab::RumorStory &story = lab.rumor();
    if (story.empty()) {
        std::printf("rumor: no value was set\n");
        return;
    }
    std::printf("rumor \"%s\" (lamport %llu, origin %s) set at %s s: ", story.value().c_str(),
                (unsigned long long)story.version().lamport, story.version().origin.c_str(),
                lab::secondsText(story.startedAt()).c_str());
    if (story.completeAt())
        std::printf("every live node held it after %.1f ms\n",
                    seconds(*story.completeAt() - story.startedAt()) * 1000);
    else
        std::printf("%zu of %d live nodes hold it (not complete)\n", story.infections().size(),
                    live);
    std::printf("  infections %zu: eager push %d, gossip %d, push/pull %d, restored %d\n",
                story.infections().size(), story.countBy(lab::InfectionPath::EagerPush),
                story.countBy(lab::InfectionPath::Gossip),
                story.countBy(lab::InfectionPath::PushPull),
                story.countBy(lab::InfectionPath::Restored));
    const double interval = seconds(lab.config().gossipInterval);
    const int fanout = lab.config().gossipNodes;
    const double loss = lab.link().loss;
    std::printf("  Serf model for %d nodes (%.0f ms, fanout %d, loss %.1f %%): 50 %% %.0f ms, "
                "99 %% %.0f ms, 99.9 %% %.0f ms\n",
                live, interval * 1000, fanout, loss * 100,
                lab::serfModelSecondsTo(0.5, live, interval, fanout, loss) * 1000,
                lab::serfModelSecondsTo(0.99, live, interval, fanout, loss) * 1000,
                lab::serfModelSecondsTo(0.999, live, interval, fanout, loss) * 1000);
}

} // namespace

int runLabFile(const std::string &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr,
                     "grapevine-sim: cannot read %s (not a scenario name either: "
                     "join|broadcast|crash|stall|partition)\n",
                     path.c_str());
        return 2;
    }
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = lab::parseLabScenario(text.str());
    if (auto *error = std::get_if<lab::ScenarioError>(&parsed)) {
        std::fprintf(stderr, "grapevine-sim: %s: %s\n", path.c_str(), error->text().c_str());
        return 2;
    }
    const lab::LabScenario &scenario = std::get<lab::LabScenario>(parsed);
    printSetup(path, scenario);
    const auto started = std::chrono::steady_clock::now();
    lab::LabCluster lab(scenario);
    lab.runUntil(scenario.until);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double simulated = seconds(lab.now());
    std::printf("simulated %.3f s in %.2f s of wall time (%.1fx)\n", simulated, wall,
                wall > 0 ? simulated / wall : 0.0);
    std::printf("trace hash %016llx\n", (unsigned long long)lab.traceHash());
    const sim::SimCounters &c = lab.counters();
    std::printf("events %llu, packets %llu, lost %llu, cut by partitions %llu\n",
                (unsigned long long)c.events, (unsigned long long)c.packetsSent,
                (unsigned long long)c.lost, (unsigned long long)c.partitionDrops);
    int counts[4] = {0, 0, 0, 0};
    for (lab::NodeId id = 0; id < lab::NodeId(lab.size()); ++id)
        ++counts[int(lab.life(id))];
    std::printf("nodes: up %d, stalled %d, crashed %d, left %d\n", counts[0], counts[1], counts[2],
                counts[3]);
    printRumor(lab, counts[0] + counts[1]);
    return 0;
}

} // namespace grapevine::simapp
