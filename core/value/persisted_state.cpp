#include "persisted_state.h"

#include "core/value/limits.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace grapevine::value {

namespace {

constexpr std::string_view kFirstLine = "grapevine-state 1";

// One line per field, so a newline inside the value is escaped (and backslash with it).
std::string escape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out;
}

std::optional<std::string> unescape(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i == s.size())
            return std::nullopt;
        switch (s[i]) {
        case '\\':
            out += '\\';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        default:
            return std::nullopt;
        }
    }
    return out;
}

template <class T> bool parseNumber(std::string_view s, T &v)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// "key rest-of-line" pairs after the first line; a later duplicate wins.
wire::Result<std::map<std::string, std::string, std::less<>>> splitFields(std::string_view text)
{
    std::map<std::string, std::string, std::less<>> fields;
    std::size_t pos = 0;
    bool first = true;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (first) {
            if (line != kFirstLine)
                return wire::makeError("state file: not a Grapevine state file (first line)");
            first = false;
            continue;
        }
        if (line.empty())
            continue;
        const auto space = line.find(' ');
        if (space == std::string_view::npos)
            return wire::makeError("state file: malformed line '" + std::string(line) + "'");
        fields[std::string(line.substr(0, space))] = std::string(line.substr(space + 1));
    }
    if (first)
        return wire::makeError("state file: empty");
    return fields;
}

} // namespace

std::string serializePersisted(const ValueRegister::Entry &entry, std::uint64_t clock)
{
    std::string out(kFirstLine);
    out += "\nclock " + std::to_string(std::max(clock, entry.version.lamport));
    out += "\nlamport " + std::to_string(entry.version.lamport);
    out += "\norigin " + escape(entry.version.origin);
    out += "\nupdated_ms " + std::to_string(entry.updatedMs);
    out += "\nvalue " + escape(entry.value);
    out += '\n';
    return out;
}

wire::Result<PersistedState> parsePersisted(std::string_view text)
{
    auto fields = splitFields(text);
    if (!fields)
        return fields.error();
    const auto get = [&](std::string_view key) -> const std::string * {
        const auto it = fields->find(key);
        return it == fields->end() ? nullptr : &it->second;
    };
    for (const char *key : {"clock", "lamport", "origin", "updated_ms", "value"})
        if (!get(key))
            return wire::makeError(std::string("state file: missing '") + key + "'");
    PersistedState state;
    if (!parseNumber(*get("clock"), state.clock) ||
        !parseNumber(*get("lamport"), state.entry.version.lamport) ||
        !parseNumber(*get("updated_ms"), state.entry.updatedMs))
        return wire::makeError("state file: a number is malformed");
    auto origin = unescape(*get("origin"));
    auto value = unescape(*get("value"));
    if (!origin || !value)
        return wire::makeError("state file: bad escape in origin or value");
    state.entry.version.origin = std::move(*origin);
    state.entry.value = std::move(*value);
    if (!isValidUtf8(state.entry.value) || !isValidUtf8(state.entry.version.origin))
        return wire::makeError("state file: text is not valid UTF-8");
    // A value or origin no node could have set (an edited file) is refused, not sent on.
    if (state.entry.value.size() > kMaxValueBytes)
        return wire::makeError("state file: the value is " +
                               std::to_string(state.entry.value.size()) + " bytes; the limit is " +
                               std::to_string(kMaxValueBytes));
    if (state.entry.version.origin.size() > kMaxOriginBytes)
        return wire::makeError("state file: the origin is " +
                               std::to_string(state.entry.version.origin.size()) +
                               " bytes; the limit is " + std::to_string(kMaxOriginBytes));
    state.clock = std::max(state.clock, state.entry.version.lamport);
    return state;
}

} // namespace grapevine::value
