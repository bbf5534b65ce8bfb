#include "core/wire/lzw.h"

#include <array>
#include <memory>
#include <vector>

namespace grapevine::wire {

namespace {

constexpr std::uint32_t kClear = 256;
constexpr std::uint32_t kEof = 257;
constexpr std::uint32_t kMaxCode = 4095;
constexpr unsigned kMaxWidth = 12;
constexpr std::uint32_t kTableSize = 1U << 14; // open addressing, as Go's 4x the codes
constexpr std::uint32_t kTableMask = kTableSize - 1;
constexpr std::uint32_t kEmpty = 0xffffffffU;

// Go's writer state, step for step: codes are emitted at the current width, and the
// width grows as soon as `hi` (the last assigned code) reaches 2^width.
class LzwWriter {
public:
    // Reset for a new stream; the table lives on (thread_local) so a call allocates nothing.
    void start(Bytes *out)
    {
        m_out = out;
        m_table.fill(kEmpty);
        m_bits = 0;
        m_nBits = 0;
        m_width = 9;
        m_hi = kEof;
        m_overflow = 512;
    }

    void emit(std::uint32_t code)
    {
        m_bits |= std::uint64_t{code} << m_nBits;
        m_nBits += m_width;
        while (m_nBits >= 8) {
            m_out->push_back(static_cast<std::uint8_t>(m_bits));
            m_bits >>= 8;
            m_nBits -= 8;
        }
    }

    // Returns false when the table ran out of codes and was reset (Go's errOutOfCodes).
    bool incHi()
    {
        ++m_hi;
        if (m_hi == m_overflow) {
            ++m_width;
            m_overflow <<= 1;
        }
        if (m_hi == kMaxCode) {
            emit(kClear);
            m_width = 9;
            m_hi = kEof;
            m_overflow = 512;
            m_table.fill(kEmpty);
            return false;
        }
        return true;
    }

    // Looks (code, literal) up; returns the code on a hit, kEmpty and the slot otherwise.
    std::uint32_t find(std::uint32_t key, std::uint32_t &slot) const
    {
        slot = ((key >> 12) ^ key) & kTableMask;
        while (m_table[slot] != kEmpty) {
            if ((m_table[slot] >> 12) == key)
                return m_table[slot] & kMaxCode;
            slot = (slot + 1) & kTableMask;
        }
        return kEmpty;
    }

    void insert(std::uint32_t key, std::uint32_t slot) { m_table[slot] = (key << 12) | m_hi; }

    void finish()
    {
        if (m_nBits > 0)
            m_out->push_back(static_cast<std::uint8_t>(m_bits));
    }

private:
    Bytes *m_out = nullptr;
    std::array<std::uint32_t, kTableSize> m_table{};
    std::uint64_t m_bits = 0;
    unsigned m_nBits = 0;
    unsigned m_width = 9;
    std::uint32_t m_hi = kEof;
    std::uint32_t m_overflow = 512;
};

} // namespace

Bytes lzwCompress(ByteView input)
{
    Bytes out;
    out.reserve(input.size() / 2 + 16);
    thread_local auto writer = std::make_unique<LzwWriter>();
    writer->start(&out);
    writer->emit(kClear);
    if (!input.empty()) {
        std::uint32_t code = input[0];
        for (std::size_t i = 1; i < input.size(); ++i) {
            const std::uint32_t literal = input[i];
            const std::uint32_t key = (code << 8) | literal;
            std::uint32_t slot = 0;
            const std::uint32_t hit = writer->find(key, slot);
            if (hit != kEmpty) {
                code = hit;
                continue;
            }
            writer->emit(code);
            code = literal;
            if (writer->incHi())
                writer->insert(key, slot);
        }
        writer->emit(code);
        writer->incHi();
    }
    writer->emit(kEof);
    writer->finish();
    return out;
}

namespace {

constexpr std::uint32_t kNoCode = 0xffff;

// Go's reader state: a prefix/suffix chain per code; `hi` is the next code to define.
// Every defined entry's prefix is smaller than the entry, so chains always end.
class LzwReader {
public:
    // Reset for a new stream; the dictionary lives on (thread_local) so a call allocates
    // only its output.
    void start(ByteView input, std::size_t limit)
    {
        m_input = input;
        m_limit = limit;
        m_pos = 0;
        m_bits = 0;
        m_nBits = 0;
        m_out = Bytes();
        reset();
    }

    Result<Bytes> run()
    {
        for (;;) {
            std::uint32_t code = 0;
            if (!readCode(code))
                return makeError("lzw: input ends before the EOF code");
            if (code == kClear) {
                reset();
                continue;
            }
            if (code == kEof)
                return std::move(m_out);
            if (code > m_hi)
                return makeError("lzw: invalid code " + std::to_string(code) + " (next free " +
                                 std::to_string(m_hi) + ")");
            const std::uint8_t head = output(code);
            if (m_out.size() > m_limit)
                return makeError("lzw: output exceeds the limit of " + std::to_string(m_limit) +
                                 " bytes");
            define(code, head);
        }
    }

private:
    bool readCode(std::uint32_t &code)
    {
        while (m_nBits < m_width) {
            if (m_pos == m_input.size())
                return false;
            m_bits |= std::uint64_t{m_input[m_pos++]} << m_nBits;
            m_nBits += 8;
        }
        code = static_cast<std::uint32_t>(m_bits & ((1U << m_width) - 1));
        m_bits >>= m_width;
        m_nBits -= m_width;
        return true;
    }

    void reset()
    {
        m_width = 9;
        m_hi = kEof;
        m_overflow = 512;
        m_last = kNoCode;
    }

    [[nodiscard]] std::size_t lengthOf(std::uint32_t code) const
    {
        return code < kClear ? 1 : m_length[code];
    }

    // Appends the expansion of `code`, written back to front into the grown output;
    // returns its first byte.
    std::uint8_t output(std::uint32_t code)
    {
        const bool kwkwk = code == m_hi && m_last != kNoCode;
        const std::size_t length = kwkwk ? lengthOf(m_last) + 1 : lengthOf(code);
        const std::size_t start = m_out.size();
        m_out.resize(start + length);
        std::size_t i = start + length;
        std::uint32_t c = code;
        if (kwkwk) {
            // KwKwK: the last expansion followed by its own first byte.
            std::uint32_t root = m_last;
            while (root >= kClear)
                root = m_prefix[root];
            m_out[--i] = static_cast<std::uint8_t>(root);
            c = m_last;
        }
        while (c >= kClear && i > start + 1) {
            m_out[--i] = m_suffix[c];
            c = m_prefix[c];
        }
        m_out[start] = static_cast<std::uint8_t>(c);
        return static_cast<std::uint8_t>(c);
    }

    void define(std::uint32_t code, std::uint8_t head)
    {
        if (m_last != kNoCode) {
            m_suffix[m_hi] = head;
            m_prefix[m_hi] = static_cast<std::uint16_t>(m_last);
            m_length[m_hi] = static_cast<std::uint16_t>(lengthOf(m_last) + 1);
        }
        m_last = code;
        if (++m_hi < m_overflow)
            return;
        if (m_width == kMaxWidth) {
            // Table full: keep decoding with what we have until a clear code.
            m_last = kNoCode;
            --m_hi;
        } else {
            ++m_width;
            m_overflow <<= 1;
        }
    }

    ByteView m_input;
    std::size_t m_limit = 0;
    std::size_t m_pos = 0;
    std::uint64_t m_bits = 0;
    unsigned m_nBits = 0;
    unsigned m_width = 9;
    std::uint32_t m_hi = kEof;
    std::uint32_t m_overflow = 512;
    std::uint32_t m_last = kNoCode;
    std::array<std::uint16_t, kMaxCode + 1> m_prefix{};
    std::array<std::uint8_t, kMaxCode + 1> m_suffix{};
    std::array<std::uint16_t, kMaxCode + 1> m_length{};
    Bytes m_out;
};

} // namespace

Result<Bytes> lzwDecompress(ByteView input, std::size_t outputLimit)
{
    thread_local auto reader = std::make_unique<LzwReader>();
    reader->start(input, outputLimit);
    return reader->run();
}

} // namespace grapevine::wire
