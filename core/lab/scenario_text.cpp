#include "scenario_text.h"

#include <charconv>
#include <cmath>

namespace grapevine::lab {

namespace {

// Longest time or duration a file may name: a day, far beyond any lab run.
constexpr std::int64_t kMaxNs = 86'400LL * 1'000'000'000LL;

std::optional<char> unescape(char c)
{
    switch (c) {
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case 'r':
        return '\r';
    case '"':
    case '\\':
        return c;
    default:
        return std::nullopt;
    }
}

// Reads a quoted word starting at line[i] == '"'; i ends past the closing quote.
std::optional<std::string> readQuoted(std::string_view line, std::size_t &i)
{
    std::string word;
    for (++i; i < line.size(); ++i) {
        if (line[i] == '"') {
            ++i;
            return word;
        }
        if (line[i] != '\\') {
            word += line[i];
            continue;
        }
        if (++i >= line.size())
            return std::nullopt;
        const auto c = unescape(line[i]);
        if (!c)
            return std::nullopt;
        word += *c;
    }
    return std::nullopt; // unterminated
}

// "12.5" scaled by unitNs, exactly: whole part and up to 9 fraction digits.
std::optional<std::int64_t> readScaled(std::string_view number, std::int64_t unitNs)
{
    const auto dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
    if (whole.empty() || fraction.size() > 9 || (dot != std::string_view::npos && fraction.empty()))
        return std::nullopt;
    const auto w = readUnsigned(whole);
    if (!w || *w > std::uint64_t(kMaxNs / unitNs))
        return std::nullopt;
    std::int64_t frac = 0;
    if (!fraction.empty()) {
        const auto f = readUnsigned(fraction);
        if (!f)
            return std::nullopt;
        frac = std::int64_t(*f);
        for (std::size_t k = fraction.size(); k < 9; ++k)
            frac *= 10;
    }
    // frac is in billionths of a unit (< 1e9, and unitNs <= 1e9: the product fits); keep
    // the value only when it is a whole number of nanoseconds.
    const std::int64_t fracNs = frac * unitNs;
    const std::int64_t ns = std::int64_t(*w) * unitNs + fracNs / 1'000'000'000;
    if (fracNs % 1'000'000'000 != 0 || ns > kMaxNs)
        return std::nullopt;
    return ns;
}

bool endsWith(std::string_view text, std::string_view tail)
{
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

} // namespace

std::optional<std::vector<std::string>> splitWords(std::string_view line)
{
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < line.size()) {
        if (line[i] == ' ' || line[i] == '\t') {
            ++i;
            continue;
        }
        if (line[i] == '"') {
            auto word = readQuoted(line, i);
            if (!word)
                return std::nullopt;
            words.push_back(std::move(*word));
            continue;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        words.emplace_back(line.substr(start, i - start));
    }
    return words;
}

std::optional<std::uint64_t> readUnsigned(std::string_view text)
{
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

std::optional<protocol::TimePoint> readSeconds(std::string_view text)
{
    if (endsWith(text, "s"))
        text.remove_suffix(1);
    const auto ns = readScaled(text, 1'000'000'000);
    if (!ns)
        return std::nullopt;
    return protocol::TimePoint(*ns);
}

std::optional<protocol::Duration> readDuration(std::string_view text)
{
    static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
        {"ns", 1}, {"us", 1'000}, {"ms", 1'000'000}, {"s", 1'000'000'000}};
    for (const auto &[unit, scale] : kUnits) {
        if (endsWith(text, unit)) {
            const auto ns = readScaled(text.substr(0, text.size() - unit.size()), scale);
            if (!ns)
                return std::nullopt;
            return protocol::Duration(*ns);
        }
    }
    return std::nullopt;
}

std::optional<double> readFraction(std::string_view text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
        value < 0 || value > 1)
        return std::nullopt;
    return value;
}

} // namespace grapevine::lab
