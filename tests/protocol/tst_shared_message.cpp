// tst_shared_message.cpp — SharedMessage's ownership rules: copies share one message and
// count it, moves transfer it and leave null behind, and the message is freed exactly once,
// when its last handle goes. "Freed exactly once" is observed by counting this program's
// live heap blocks (global operator new/delete replaced below): a message whose strings fit
// in place is one block, the node.
#include "core/protocol/store/shared_message.h"

#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

using namespace grapevine;
using namespace grapevine::protocol;

namespace {

std::atomic<long> g_liveBlocks{0};

// Short names: std::string keeps them in place, so making this message allocates only the node.
wire::Message smallMessage(std::uint32_t incarnation = 1)
{
    return wire::Dead{incarnation, "n1", "n2"};
}

} // namespace

void *operator new(std::size_t size)
{
    void *p = std::malloc(size ? size : 1);
    if (!p)
        throw std::bad_alloc();
    ++g_liveBlocks;
    return p;
}

void operator delete(void *p) noexcept
{
    if (!p)
        return;
    --g_liveBlocks;
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    operator delete(p);
}

class TstSharedMessage : public QObject {
    Q_OBJECT
private slots:
    void isOnePointerWide() { QCOMPARE(sizeof(SharedMessage), sizeof(void *)); }

    void defaultAndNullHandlesHoldNothing()
    {
        const SharedMessage none;
        const SharedMessage null = nullptr;
        QVERIFY(none == nullptr);
        QVERIFY(!null);
        QCOMPARE(none.get(), nullptr);
        QCOMPARE(none.use_count(), 0L);
        QVERIFY(none == null);
    }

    void makeHoldsTheMessageOnce()
    {
        const long before = g_liveBlocks;
        {
            const SharedMessage m = SharedMessage::make(smallMessage(7));
            QCOMPARE(g_liveBlocks - before, 1L);
            QVERIFY(m);
            QCOMPARE(m.use_count(), 1L);
            QCOMPARE(std::get<wire::Dead>(*m).incarnation, 7u);
            QCOMPARE(m->index(), smallMessage().index());
            QCOMPARE(m.get(), &*m);
        }
        QCOMPARE(g_liveBlocks - before, 0L);
    }

    // The interner records a message's encoded size in the node; every handle sees it.
    void recordedEncodedSizeTravelsWithTheMessage()
    {
        const long before = g_liveBlocks;
        {
            const SharedMessage sized = SharedMessage::make(smallMessage(4), 37);
            QCOMPARE(g_liveBlocks - before, 1L); // still one block: the size is in the node
            QCOMPARE(sized.knownEncodedSize(), std::size_t(37));
            const SharedMessage copy = sized;
            QCOMPARE(copy.knownEncodedSize(), std::size_t(37));
            QCOMPARE(std::get<wire::Dead>(*copy).incarnation, 4u);
            QCOMPARE(SharedMessage::make(smallMessage()).knownEncodedSize(), std::size_t(0));
            QCOMPARE(SharedMessage().knownEncodedSize(), std::size_t(0));
            const std::size_t tooLarge = std::size_t(UINT32_MAX) + 1;
            QCOMPARE(SharedMessage::make(smallMessage(), tooLarge).knownEncodedSize(),
                     std::size_t(0));
        }
        QCOMPARE(g_liveBlocks - before, 0L);
    }

    void subjectHashIsTheSubjectNamesHash()
    {
        const SharedMessage alive = SharedMessage::make(wire::Alive{1, "node-7", {}, 7946, {}, {}});
        const SharedMessage suspect = SharedMessage::make(wire::Suspect{2, "node-8", "node-1"});
        const SharedMessage dead = SharedMessage::make(wire::Dead{3, "node-9", "node-1"});
        const SharedMessage ping = SharedMessage::make(wire::Ping{});
        QCOMPARE(alive.subjectHash(), hashName("node-7"));
        QCOMPARE(suspect.subjectHash(), hashName("node-8"));
        QCOMPARE(dead.subjectHash(), hashName("node-9"));
        QCOMPARE(ping.subjectHash(), hashName("")); // no subject
        QVERIFY(alive.subjectHash() != suspect.subjectHash());
    }

    void copiesShareOneMessageAndCountIt()
    {
        const SharedMessage a = SharedMessage::make(smallMessage());
        {
            const SharedMessage b = a;
            SharedMessage c;
            c = b;
            QCOMPARE(b.get(), a.get());
            QCOMPARE(c.get(), a.get());
            QVERIFY(c == a);
            QCOMPARE(a.use_count(), 3L);
        }
        QCOMPARE(a.use_count(), 1L);
    }

    void moveTransfersAndLeavesNullBehind()
    {
        SharedMessage a = SharedMessage::make(smallMessage());
        const wire::Message *object = a.get();
        SharedMessage b = std::move(a);
        QVERIFY(a == nullptr); // NOLINT(bugprone-use-after-move): moved-from is defined null
        QCOMPARE(a.use_count(), 0L);
        QCOMPARE(b.get(), object);
        QCOMPARE(b.use_count(), 1L);
        SharedMessage c;
        c = std::move(b);
        QVERIFY(!b); // NOLINT(bugprone-use-after-move)
        QCOMPARE(c.get(), object);
        QCOMPARE(c.use_count(), 1L);
    }

    void selfAssignmentKeepsTheMessage()
    {
        const long before = g_liveBlocks;
        {
            SharedMessage m = SharedMessage::make(smallMessage(3));
            SharedMessage &alias = m; // through a reference: the compiler would flag m = m
            m = alias;
            QCOMPARE(m.use_count(), 1L);
            m = std::move(alias);
            QVERIFY(m);
            QCOMPARE(m.use_count(), 1L);
            QCOMPARE(std::get<wire::Dead>(*m).incarnation, 3u);
        }
        QCOMPARE(g_liveBlocks - before, 0L);
    }

    void assignmentReleasesThePreviousMessage()
    {
        const long before = g_liveBlocks;
        {
            SharedMessage a = SharedMessage::make(smallMessage(1));
            const SharedMessage b = SharedMessage::make(smallMessage(2));
            QCOMPARE(g_liveBlocks - before, 2L);
            a = b; // a's message had no other holder: freed here
            QCOMPARE(g_liveBlocks - before, 1L);
            QCOMPARE(b.use_count(), 2L);
            a = nullptr;
            QCOMPARE(b.use_count(), 1L);
        }
        QCOMPARE(g_liveBlocks - before, 0L);
    }

    // Many holders, copied and moved through a growing vector and dropped in another order:
    // the message outlives every holder but the last, and is freed once after it.
    void freedExactlyOnceAfterTheLastHolder()
    {
        const long before = g_liveBlocks;
        {
            std::vector<SharedMessage> holders;
            SharedMessage origin = SharedMessage::make(smallMessage());
            for (int i = 0; i < 100; ++i)
                holders.push_back(origin); // reallocations move the handles
            QCOMPARE(origin.use_count(), 101L);
            origin = nullptr;
            const long withHolders = g_liveBlocks;
            while (holders.size() > 1)
                holders.erase(holders.begin() + long(holders.size() / 2));
            QCOMPARE(holders.front().use_count(), 1L);
            QCOMPARE(g_liveBlocks, withHolders); // still held: not freed
            holders.front() = nullptr;
            QCOMPARE(g_liveBlocks, withHolders - 1); // the node, exactly once
        }
        QCOMPARE(g_liveBlocks - before, 0L);
    }

    void swapExchangesMessages()
    {
        SharedMessage a = SharedMessage::make(smallMessage(1));
        SharedMessage b;
        const wire::Message *object = a.get();
        a.swap(b);
        QVERIFY(!a);
        QCOMPARE(b.get(), object);
        QCOMPARE(b.use_count(), 1L);
    }

    // TaggedMessage: the same ownership, plus a tag in the pointer's spare low bits.
    void taggedHandleIsOnePointerWideAndStartsEmpty()
    {
        QCOMPARE(sizeof(TaggedMessage), sizeof(void *));
        const TaggedMessage t;
        QVERIFY(!t);
        QVERIFY(!t.get());
        QCOMPARE(t.tag(), 0u);
        QCOMPARE(t.internId(), 0u);
        QVERIFY(!t.share());
    }

    void tagAndMessageNeverDisturbEachOther()
    {
        const SharedMessage m = SharedMessage::make(smallMessage(7));
        TaggedMessage t;
        t.setTag(3);
        t.reset(m); // keeps the tag
        QCOMPARE(t.tag(), 3u);
        QVERIFY(t.holds(m));
        QCOMPARE(t.get(), m.get());
        QCOMPARE(std::get<wire::Dead>(*t).incarnation, 7u);
        QCOMPARE(t.subjectHash(), m.subjectHash());
        for (unsigned tag : {0u, 1u, 2u, 3u}) {
            t.setTag(tag);
            QCOMPARE(t.tag(), tag);
            QCOMPARE(t.get(), m.get());
        }
        t.setTag(4 | 2); // bits past kTagBits are not kept
        QCOMPARE(t.tag(), 2u);
        QCOMPARE(t.get(), m.get());
        t.reset(nullptr);
        QVERIFY(!t);
        QCOMPARE(t.tag(), 2u);
    }

    void taggedHandlesCountTheirMessage()
    {
        const long before = g_liveBlocks;
        {
            SharedMessage m = SharedMessage::make(smallMessage());
            TaggedMessage t;
            t.reset(m);
            t.setTag(1);
            QCOMPARE(m.use_count(), 2L);
            {
                const TaggedMessage copy = t; // shares, with the tag
                QCOMPARE(copy.tag(), 1u);
                QCOMPARE(m.use_count(), 3L);
                const SharedMessage shared = t.share();
                QCOMPARE(shared.get(), m.get());
                QCOMPARE(m.use_count(), 4L);
            }
            QCOMPARE(m.use_count(), 2L);
            TaggedMessage moved = std::move(t);
            QVERIFY(!t); // NOLINT(bugprone-use-after-move): moved-from is empty
            QCOMPARE(moved.tag(), 1u);
            QCOMPARE(m.use_count(), 2L);
            const SharedMessage other = SharedMessage::make(smallMessage(2));
            moved.reset(other); // lets go of m
            QCOMPARE(m.use_count(), 1L);
            QCOMPARE(moved.tag(), 1u);
            m = nullptr;
            moved = TaggedMessage(); // assignment lets go of `other`'s second holder
            QCOMPARE(other.use_count(), 1L);
        }
        QCOMPARE(g_liveBlocks - before, 0L); // every node freed exactly once
    }
};

QTEST_APPLESS_MAIN(TstSharedMessage)
#include "tst_shared_message.moc"
