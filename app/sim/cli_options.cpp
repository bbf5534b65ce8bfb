#include "cli_options.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <string_view>

namespace grapevine::simapp {

namespace {

template <class T> bool parseNumber(std::string_view text, T &out)
{
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

protocol::Duration fromSeconds(double s)
{
    return protocol::Duration(std::int64_t(std::llround(s * 1e9)));
}

using Setter = std::function<bool(CliOptions &, std::string_view)>;

// An option given in seconds, more than 0, stored in `field` (a Duration or an optional one).
template <class Field> Setter positiveSeconds(Field sim::ScenarioOptions::*field)
{
    return [field](CliOptions &o, std::string_view v) {
        double s = 0;
        if (!parseNumber(v, s) || s <= 0)
            return false;
        o.scenario.*field = fromSeconds(s);
        return true;
    };
}

const std::map<std::string_view, Setter> &setters()
{
    static const std::map<std::string_view, Setter> table{
        {"--nodes",
         [](CliOptions &o, std::string_view v) {
             return parseNumber(v, o.scenario.nodes) && o.scenario.nodes >= 1;
         }},
        {"--seed",
         [](CliOptions &o, std::string_view v) { return parseNumber(v, o.scenario.seed); }},
        {"--runs",
         [](CliOptions &o, std::string_view v) { return parseNumber(v, o.runs) && o.runs >= 1; }},
        {"--profile",
         [](CliOptions &o, std::string_view v) {
             auto p = protocol::parseProfile(v);
             if (p)
                 o.scenario.profile = *p;
             return p.has_value();
         }},
        {"--scenario",
         [](CliOptions &o, std::string_view v) {
             // Not a canned experiment's name: a lab scenario file (see lab_run.h).
             if (auto k = sim::parseScenario(v))
                 o.scenario.kind = *k;
             else
                 o.labFile = std::string(v);
             return !v.empty();
         }},
        {"--loss",
         [](CliOptions &o, std::string_view v) {
             double p = 0;
             if (!parseNumber(v, p) || p < 0 || p >= 1)
                 return false;
             o.scenario.loss = p;
             return true;
         }},
        {"--latency-ms",
         [](CliOptions &o, std::string_view v) {
             double ms = 0;
             if (!parseNumber(v, ms) || ms < 0)
                 return false;
             o.scenario.latency = fromSeconds(ms / 1000);
             return true;
         }},
        {"--duration", positiveSeconds(&sim::ScenarioOptions::duration)},
        {"--converge-limit", positiveSeconds(&sim::ScenarioOptions::convergeLimit)},
        {"--partition-s", positiveSeconds(&sim::ScenarioOptions::partitionHold)},
        {"--set-interval", positiveSeconds(&sim::ScenarioOptions::setInterval)},
        {"--rounds",
         [](CliOptions &o, std::string_view v) {
             return parseNumber(v, o.scenario.rounds) && o.scenario.rounds >= 1;
         }},
    };
    return table;
}

} // namespace

CliOptions parseCli(int argc, char **argv)
{
    CliOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--json") {
            options.json = true;
        } else if (arg == "--codec") {
            options.scenario.useCodec = true;
        } else if (arg == "--formed") {
            options.scenario.formedStart = true;
        } else if (arg == "--observe") {
            options.observe = true;
        } else if (arg == "--eager") {
            options.scenario.eagerPush = true;
        } else if (arg == "--help" || arg == "-h") {
            options.help = true;
        } else if (auto it = setters().find(arg); it != setters().end()) {
            if (i + 1 >= argc) {
                options.error = std::string(arg) + " needs a value";
                return options;
            }
            const std::string_view value = argv[++i];
            if (!it->second(options, value)) {
                options.error = "bad value for " + std::string(arg) + ": " + std::string(value);
                return options;
            }
        } else {
            options.error = "unknown option: " + std::string(arg);
            return options;
        }
    }
    return options;
}

const char *usageText()
{
    return "usage: grapevine-sim [options]\n"
           "  --scenario join|broadcast|crash|stall|partition|value   (default join)\n"
           "  --scenario FILE    replay a lab scenario file (grapevine --lab's File › Save)\n"
           "                     and print its figures; the other options are ignored\n"
           "  --nodes N          cluster size (default 30)\n"
           "  --seed S           first seed; run k uses S+k (default 1)\n"
           "  --runs K           independent runs (default 1)\n"
           "  --profile local|lan|wan   memberlist preset (default lan)\n"
           "  --loss P           UDP loss probability in [0, 1) (default 0)\n"
           "  --latency-ms MS    one-way latency; jitter is a quarter of it\n"
           "                     (default: 0.05 local, 0.5 lan, 40 wan)\n"
           "  --duration S       simulated seconds: join runs this long in total;\n"
           "                     stall stalls this long; broadcast waits this long\n"
           "  --partition-s S    how long the partition lasts (default 20)\n"
           "  --converge-limit S how long broadcast, crash, stall and partition wait for\n"
           "                     the cluster to form after the last join (default 300)\n"
           "  --formed           start formed: every node already knows every other one\n"
           "                     alive, as after the join storm (no joins replayed)\n"
           "  --rounds R         value: sets per run (default 20)\n"
           "  --set-interval S   value: seconds from one set to the next (default 2)\n"
           "  --codec            pass every message through the wire codec\n"
           "  --eager            relays also push at once to GossipNodes peers\n"
           "  --observe          listen to every engine's observations and count them\n"
           "                     (what explaining failure detection costs)\n"
           "  --json             print one JSON object as the last line\n";
}

} // namespace grapevine::simapp
