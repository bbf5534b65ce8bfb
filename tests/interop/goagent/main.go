// Command goagent is Grapevine's test peer: a stock hashicorp/memberlist node (Debian's
// 0.2.2, built offline with GO111MODULE=off GOPATH=/usr/share/gocode) that takes the same
// options and serves the same HTTP endpoints as grapevine-agent where they apply, so the
// interop tests and benchmarks can drive both kinds of node the same way.
//
// It never changes memberlist's behaviour: only the delegate (the value) is ours.
// Events go to stdout as JSON lines; memberlist's own log goes to stderr, where the
// interop tests look for "[ERR]".
package main

import (
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/hashicorp/memberlist"
)

func main() {
	opts, err := parseOptions(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "goagent: %v\n", err)
		os.Exit(2)
	}
	events := newEventLog(opts.logFormat)
	peer := newPeer(opts, events)
	conf, err := buildConfig(opts, peer)
	if err != nil {
		fmt.Fprintf(os.Stderr, "goagent: %v\n", err)
		os.Exit(2)
	}
	list, err := memberlist.Create(conf)
	if err != nil {
		fmt.Fprintf(os.Stderr, "goagent: cannot start: %v\n", err)
		os.Exit(2)
	}
	peer.attach(list)
	local := list.LocalNode()
	events.emit("up", map[string]interface{}{
		"node": local.Name, "addr": net.JoinHostPort(local.Addr.String(), strconv.Itoa(int(local.Port))),
		"protocol": conf.ProtocolVersion, "compress": conf.EnableCompression, "plain": opts.plain, "relay": opts.relay,
	})
	if opts.http != "" {
		if err := serveHTTP(opts.http, peer); err != nil {
			fmt.Fprintf(os.Stderr, "goagent: --http %s: %v\n", opts.http, err)
			list.Shutdown()
			os.Exit(2)
		}
	}
	if len(opts.joins) > 0 {
		go joinWithRetry(list, opts.joins, events)
	}
	waitForSignal()
	peer.leaveAndExit()
}

// joinWithRetry keeps trying until at least one seed answers, backing off up to 5 s, so
// the peer can be started before the node it joins (as grapevine-agent does).
func joinWithRetry(list *memberlist.Memberlist, seeds []string, events *eventLog) {
	delay := 200 * time.Millisecond
	for attempt := 1; ; attempt++ {
		n, err := list.Join(seeds)
		if n > 0 {
			events.emit("joined", map[string]interface{}{"contacted": n, "attempt": attempt})
			return
		}
		fmt.Fprintf(os.Stderr, "[WARN] goagent: join attempt %d failed (%v); retrying in %v\n", attempt, err, delay)
		time.Sleep(delay)
		if delay < 5*time.Second {
			delay *= 2
		}
	}
}

func waitForSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	<-ch
}
