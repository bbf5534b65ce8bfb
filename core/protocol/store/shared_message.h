// shared_message.h — an immutable, reference-counted wire::Message. A broadcast is queued
// once and re-gossiped by every engine that accepts it; sharing the object (rather than
// copying it into every queue and packet) is what keeps thousands of simulated engines
// small. Never mutated after creation: make a new one instead.
//
// Our own handle rather than std::shared_ptr: one pointer (8 bytes, not 16) to a heap node
// holding the count next to the message, and no control block. Every member record and every
// queued broadcast holds one, so at 10,000 simulated nodes the 8 bytes saved are paid 10^8
// times over. No weak references, no custom deleters, no aliasing: nothing here needs them.
//
// The count is a plain integer, not an atomic, because a SharedMessage never crosses threads:
// the only code that shares one between engines is the simulator (one thread, one
// MessageInterner, which is single-threaded itself); a Node keeps its engine, and so every
// message it holds, on its own thread and hands the UI plain values (MemberInfo, snapshots);
// it copies a SendPacket's piggybacked broadcasts out (takeParts) on that thread before the
// transport encodes them. A Node built on one
// thread and moved to another (ui/NodeHost) is handed over through QThread::start, which
// orders everything before it. Code that ever passes a SharedMessage to another thread must
// make the count std::atomic (relaxed increment, acq_rel decrement, as shared_ptr does).
#pragma once

#include "core/wire/messages.h"
#include "name_hash.h"
#include "subject.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace grapevine::protocol {

class SharedMessage {
public:
    SharedMessage() noexcept = default;
    SharedMessage(std::nullptr_t) noexcept {} // NOLINT: implicit, as shared_ptr's
    SharedMessage(const SharedMessage &other) noexcept
        : m_node(other.m_node)
    {
        if (m_node)
            ++m_node->count;
    }
    SharedMessage(SharedMessage &&other) noexcept
        : m_node(std::exchange(other.m_node, nullptr))
    {
    }
    // Copy-and-swap: self-assignment and assigning a handle to the last other holder of the
    // same node are both safe.
    SharedMessage &operator=(const SharedMessage &other) noexcept
    {
        SharedMessage(other).swap(*this);
        return *this;
    }
    SharedMessage &operator=(SharedMessage &&other) noexcept
    {
        SharedMessage(std::move(other)).swap(*this);
        return *this;
    }
    ~SharedMessage()
    {
        if (m_node && --m_node->count == 0)
            destroy(m_node);
    }

    // The one way to create a message: a new node, held once.
    [[nodiscard]] static SharedMessage make(wire::Message message)
    {
        return SharedMessage(new Node{1, 0, 0, hashOfSubject(message), std::move(message)});
    }
    // The same, recording wire::encodedSize(message) in the node's spare bytes (the interner
    // does: its alives are queued in every engine, which would otherwise each encode them
    // again to know their size). Sizes past 32 bits are not recorded.
    // `internId` is the MessageInterner's number for the message (0: none; see internId()).
    [[nodiscard]] static SharedMessage make(wire::Message message, std::size_t encodedSize,
                                            std::uint32_t internId = 0)
    {
        const auto known = encodedSize <= UINT32_MAX ? std::uint32_t(encodedSize) : 0;
        return SharedMessage(
            new Node{1, known, internId, hashOfSubject(message), std::move(message)});
    }

    [[nodiscard]] const wire::Message &operator*() const noexcept { return m_node->message; }
    [[nodiscard]] const wire::Message *operator->() const noexcept { return &m_node->message; }
    [[nodiscard]] const wire::Message *get() const noexcept
    {
        return m_node ? &m_node->message : nullptr;
    }
    explicit operator bool() const noexcept { return m_node != nullptr; }
    // The size given to make(), or 0 when none was (or the handle is null).
    [[nodiscard]] std::size_t knownEncodedSize() const noexcept
    {
        return m_node ? m_node->encodedSize : 0;
    }
    // hashName(subjectOf(message)), taken once when the message was made: every engine that
    // receives it looks its subject up by this hash instead of hashing the name itself.
    // Precondition: not null.
    [[nodiscard]] std::uint64_t subjectHash() const noexcept { return m_node->subjectHash; }
    // The interner's small dense number for this message while the interner holds it, unique
    // among the messages of that interner (so among every message the simulator's engines
    // exchange); 0 when the message was not interned or the handle is null. MemberTable keys
    // a bitmap of "applied already" by it.
    [[nodiscard]] std::uint32_t internId() const noexcept { return m_node ? m_node->internId : 0; }
    // How many handles share the message (0 when null). Named as shared_ptr's, which this
    // replaces: the interner's sweep drops entries only it still holds (use_count() == 1).
    [[nodiscard]] long use_count() const noexcept // NOLINT(readability-identifier-naming)
    {
        return m_node ? long(m_node->count) : 0;
    }

    void swap(SharedMessage &other) noexcept { std::swap(m_node, other.m_node); }

    friend bool operator==(const SharedMessage &a, const SharedMessage &b) noexcept
    {
        return a.m_node == b.m_node;
    }
    friend bool operator==(const SharedMessage &a, std::nullptr_t) noexcept { return !a.m_node; }

private:
    friend class TaggedMessage;
    struct Node {
        // 32 bits: a count past 4·10^9 needs that many 8-byte handles (32 GB) alive at once.
        std::uint32_t count;
        std::uint32_t encodedSize; // 0: not recorded
        std::uint32_t internId;    // 0: not interned
        std::uint64_t subjectHash; // one per distinct message, not per holder
        const wire::Message message;
    };
    static std::uint64_t hashOfSubject(const wire::Message &message)
    {
        return hashName(subjectOf(message));
    }
    explicit SharedMessage(Node *node) noexcept
        : m_node(node)
    {
    }
    // Out of line (shared_message.cpp): with the delete inlined next to a plain count, GCC 12's
    // -Wuse-after-free reports paths where the count provably never reached zero.
    static void destroy(Node *node) noexcept;

    Node *m_node = nullptr;
};

// 8 bytes on the 64-bit targets we build: the whole point of this class.
static_assert(sizeof(SharedMessage) == sizeof(void *));

// A SharedMessage handle that also carries a small number (kTagBits bits) of its owner's
// in the pointer's low bits, which are always zero (nodes are 8-byte aligned). A member
// record keeps its state there, and so is two words instead of three: 10^8 records at
// 10,000 simulated nodes. Copies carry the tag along; reset() keeps it.
class TaggedMessage {
public:
    static constexpr unsigned kTagBits = 2;

    TaggedMessage() noexcept = default;
    TaggedMessage(const TaggedMessage &other) noexcept
        : m_word(other.m_word)
    {
        retain();
    }
    TaggedMessage(TaggedMessage &&other) noexcept
        : m_word(std::exchange(other.m_word, 0))
    {
    }
    TaggedMessage &operator=(TaggedMessage other) noexcept
    {
        std::swap(m_word, other.m_word);
        return *this;
    }
    ~TaggedMessage() { drop(node()); }

    // Holds `message` instead (null: none), keeping the tag.
    void reset(SharedMessage message) noexcept
    {
        Node *old = node();
        auto *held = std::exchange(message.m_node, nullptr);
        m_word = reinterpret_cast<std::uintptr_t>(held) | tag();
        drop(old);
    }
    // Another handle to the message (null when none).
    [[nodiscard]] SharedMessage share() const noexcept
    {
        retain();
        return SharedMessage(node());
    }
    [[nodiscard]] bool holds(const SharedMessage &message) const noexcept
    {
        return node() == message.m_node;
    }

    [[nodiscard]] const wire::Message &operator*() const noexcept { return node()->message; }
    [[nodiscard]] const wire::Message *get() const noexcept
    {
        return node() ? &node()->message : nullptr;
    }
    explicit operator bool() const noexcept { return node() != nullptr; }
    // As SharedMessage's. Precondition for subjectHash(): not null.
    [[nodiscard]] std::uint64_t subjectHash() const noexcept { return node()->subjectHash; }
    [[nodiscard]] std::uint32_t internId() const noexcept { return node() ? node()->internId : 0; }

    [[nodiscard]] unsigned tag() const noexcept { return unsigned(m_word & kTagMask); }
    void setTag(unsigned tag) noexcept { m_word = (m_word & ~kTagMask) | (tag & kTagMask); }

private:
    using Node = SharedMessage::Node;
    static constexpr std::uintptr_t kTagMask = (std::uintptr_t(1) << kTagBits) - 1;
    static_assert(alignof(Node) > kTagMask, "a node's address leaves the tag bits zero");

    [[nodiscard]] Node *node() const noexcept
    {
        // NOLINTNEXTLINE(performance-no-int-to-ptr): the word is a tagged pointer by design
        return reinterpret_cast<Node *>(m_word & ~kTagMask);
    }
    void retain() const noexcept
    {
        if (Node *n = node())
            ++n->count;
    }
    static void drop(Node *n) noexcept
    {
        if (n && --n->count == 0)
            SharedMessage::destroy(n);
    }

    std::uintptr_t m_word = 0;
};
static_assert(sizeof(TaggedMessage) == sizeof(void *));

} // namespace grapevine::protocol
