package main

import (
	"encoding/hex"
	"os"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/memberlist"
)

// peer is the memberlist Delegate and EventDelegate: it holds the one shared value.
//
// Default mode: a set stores locally (Lamport = clock + 1, origin = own name) and queues
// a raw-text broadcast; a received raw-text user message replaces the value (last packet
// wins, stamped on arrival as Grapevine does); the value rides in push/pull as Grapevine's
// envelope (envelope.go), and a received envelope (message or state) is applied when its
// version is newer. --plain is the classic example exactly: a set only broadcasts,
// push/pull carries nothing, only raw text is applied. --relay re-queues a value the first
// time it arrives (the "relaying version" that is the benchmark baseline).
type peer struct {
	opts   *options
	events *eventLog
	list   *memberlist.Memberlist
	queue  *memberlist.TransmitLimitedQueue

	mu      sync.Mutex
	value   string
	ver     version
	clock   uint64
	updated time.Time
	seen    map[string]bool
	left    bool
}

type valueBroadcast struct{ msg []byte }

// Invalidates: a newer value makes an older one not worth retransmitting.
func (b *valueBroadcast) Invalidates(other memberlist.Broadcast) bool {
	_, ok := other.(*valueBroadcast)
	return ok
}
func (b *valueBroadcast) Message() []byte { return b.msg }
func (b *valueBroadcast) Finished()       {}

func newPeer(opts *options, events *eventLog) *peer {
	return &peer{opts: opts, events: events, seen: map[string]bool{}}
}

func (p *peer) attach(list *memberlist.Memberlist) {
	p.list = list
	p.queue = &memberlist.TransmitLimitedQueue{
		NumNodes:       list.NumMembers,
		RetransmitMult: p.opts.retransmitMult(),
	}
}

func (o *options) retransmitMult() int {
	if o.profile == "local" {
		return memberlist.DefaultLocalConfig().RetransmitMult
	} else if o.profile == "wan" {
		return memberlist.DefaultWANConfig().RetransmitMult
	}
	return memberlist.DefaultLANConfig().RetransmitMult
}

// set is what GET /?set= does.
func (p *peer) set(v string) {
	p.mu.Lock()
	p.seen[v] = true
	if !p.opts.plain {
		p.applyLocked(v, version{lamport: p.clock + 1, origin: p.list.LocalNode().Name}, "set")
	}
	p.mu.Unlock()
	p.queue.QueueBroadcast(&valueBroadcast{msg: []byte(v)})
}

func (p *peer) current() (string, version, time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.value, p.ver, p.updated
}

func (p *peer) applyLocked(v string, ver version, via string) {
	if ver.lamport > p.clock {
		p.clock = ver.lamport
	}
	p.value, p.ver, p.updated = v, ver, time.Now()
	p.events.emit("value", map[string]interface{}{
		"value": v, "lamport": ver.lamport, "origin": ver.origin, "via": via})
}

// receiveText applies a raw-text value that arrived as a user message. Relaying is
// decided by content: the classic example has no version to tell old from new.
func (p *peer) receiveText(v string) {
	p.mu.Lock()
	first := !p.seen[v]
	p.seen[v] = true
	if v != p.value || p.ver.lamport == 0 {
		p.applyLocked(v, version{lamport: p.clock + 1, origin: "plain"}, "msg")
	}
	p.mu.Unlock()
	if p.opts.relay && first {
		p.queue.QueueBroadcast(&valueBroadcast{msg: []byte(v)})
	}
}

// receiveEnvelope applies Grapevine's envelope when it carries a newer version.
func (p *peer) receiveEnvelope(buf []byte, via string) {
	ver, v, err := decodeEnvelope(buf)
	if err != nil {
		p.events.emit("error", map[string]interface{}{"via": via, "error": err.Error()})
		return
	}
	p.mu.Lock()
	newer := ver.newerThan(p.ver)
	if newer {
		p.seen[v] = true
		p.applyLocked(v, ver, via)
	}
	p.mu.Unlock()
	if newer && p.opts.relay {
		p.queue.QueueBroadcast(&valueBroadcast{msg: []byte(v)})
	}
}

// NodeMeta: stock memberlist programs often send none; so do we.
func (p *peer) NodeMeta(limit int) []byte { return nil }

func (p *peer) NotifyMsg(buf []byte) {
	msg := append([]byte(nil), buf...) // memberlist reuses buf after we return
	fields := map[string]interface{}{"len": len(msg)}
	if utf8.Valid(msg) {
		fields["msg"] = string(msg)
	} else {
		fields["hex"] = hex.EncodeToString(msg)
	}
	p.events.emit("user", fields)
	switch {
	case isEnvelope(msg) && !p.opts.plain:
		p.receiveEnvelope(msg, "msg")
	case len(msg) > 0 && utf8.Valid(msg):
		p.receiveText(string(msg))
	}
}

func (p *peer) GetBroadcasts(overhead, limit int) [][]byte {
	return p.queue.GetBroadcasts(overhead, limit)
}

func (p *peer) LocalState(join bool) []byte {
	if p.opts.plain {
		return nil
	}
	v, ver, _ := p.current()
	if ver.lamport == 0 {
		return nil
	}
	return encodeEnvelope(ver, v)
}

func (p *peer) MergeRemoteState(buf []byte, join bool) {
	fields := map[string]interface{}{"len": len(buf), "join": join}
	if len(buf) > 0 {
		fields["hex"] = hex.EncodeToString(buf)
	}
	p.events.emit("state", fields)
	if !p.opts.plain && isEnvelope(buf) {
		p.receiveEnvelope(buf, "state")
	}
}

func (p *peer) NotifyJoin(n *memberlist.Node)   { p.memberEvent("join", n, "alive") }
func (p *peer) NotifyLeave(n *memberlist.Node)  { p.memberEvent("leave", n, "dead") }
func (p *peer) NotifyUpdate(n *memberlist.Node) { p.memberEvent("update", n, "alive") }

func (p *peer) memberEvent(ev string, n *memberlist.Node, fallback string) {
	state, incarnation := callbackState(n, fallback)
	p.events.emit(ev, map[string]interface{}{
		"node": n.Name, "state": state, "incarnation": incarnation, "addr": n.Address(),
	})
}

// leaveAndExit is the SIGINT/SIGTERM and POST /v1/leave path: graceful leave, exit 0.
func (p *peer) leaveAndExit() {
	p.mu.Lock()
	if p.left {
		p.mu.Unlock()
		return
	}
	p.left = true
	p.mu.Unlock()
	if err := p.list.Leave(5 * time.Second); err != nil {
		os.Stderr.WriteString("[WARN] goagent: leave: " + err.Error() + "\n")
	}
	p.list.Shutdown()
	p.events.emit("down", map[string]interface{}{})
	os.Exit(0)
}
