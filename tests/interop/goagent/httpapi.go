package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
)

// serveHTTP serves the subset of grapevine-agent's HTTP API that a memberlist program has,
// plus /v1/send for the user-message interop case.
func serveHTTP(addr string, p *peer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", p.handleRoot)
	mux.HandleFunc("/v1/value", p.handleValue)
	mux.HandleFunc("/v1/members", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, members(p.list))
	})
	mux.HandleFunc("/v1/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]interface{}{"members": p.list.NumMembers(),
			"health": p.list.GetHealthScore(), "protocol": p.list.ProtocolVersion()})
	})
	mux.HandleFunc("/v1/send", p.handleSend)
	mux.HandleFunc("/v1/leave", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "leaving")
		go p.leaveAndExit()
	})
	go func() {
		if err := http.Serve(ln, mux); err != nil {
			fmt.Fprintf(os.Stderr, "[WARN] goagent: http: %v\n", err)
		}
	}()
	return nil
}

// handleRoot is the classic example's interface: "/" reads, "/?set=v" sets.
func (p *peer) handleRoot(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	query := r.URL.Query()
	if _, ok := query["set"]; ok {
		v := query.Get("set")
		p.set(v)
		fmt.Fprintf(w, "SET last value: %s\n", v)
		return
	}
	v, _, _ := p.current()
	fmt.Fprintf(w, "last value: %s\n", v)
}

func (p *peer) handleValue(w http.ResponseWriter, r *http.Request) {
	v, ver, updated := p.current()
	ms := int64(0)
	if !updated.IsZero() {
		ms = updated.UnixNano() / 1e6
	}
	writeJSON(w, map[string]interface{}{"value": v, "origin": ver.origin, "updated_ms": ms, "lamport": ver.lamport})
}

// handleSend: /v1/send?node=NAME&msg=TEXT[&reliable=1] sends one raw user message
// (UDP best effort, or TCP with reliable=1).
func (p *peer) handleSend(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	name, msg := query.Get("node"), query.Get("msg")
	reliable, _ := strconv.ParseBool(query.Get("reliable"))
	for _, n := range p.list.Members() {
		if n.Name != name {
			continue
		}
		var err error
		if reliable {
			err = p.list.SendReliable(n, []byte(msg))
		} else {
			err = p.list.SendBestEffort(n, []byte(msg))
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		fmt.Fprintf(w, "sent %d bytes to %s reliable=%v\n", len(msg), name, reliable)
		return
	}
	http.Error(w, "no live member named "+strconv.Quote(name), http.StatusNotFound)
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		fmt.Fprintf(os.Stderr, "[WARN] goagent: http: %v\n", err)
	}
}
