package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// eventLog writes one event per line on stdout: {"ev":..., "t":<Unix ns>, ...}, the same
// shape as grapevine-agent --log-format json, so tests and benchmarks parse both alike.
type eventLog struct {
	mu   sync.Mutex
	json bool
}

func newEventLog(format string) *eventLog {
	return &eventLog{json: format != "text"}
}

func (l *eventLog) emit(ev string, fields map[string]interface{}) {
	t := time.Now().UnixNano()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.json {
		obj := map[string]interface{}{"ev": ev, "t": t}
		for k, v := range fields {
			obj[k] = v
		}
		line, err := json.Marshal(obj)
		if err != nil {
			fmt.Fprintf(os.Stderr, "[WARN] goagent: cannot encode event %s: %v\n", ev, err)
			return
		}
		os.Stdout.Write(append(line, '\n'))
		return
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{time.Unix(0, t).Format("15:04:05.000"), ev}
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, fields[k]))
	}
	fmt.Println(strings.Join(parts, " "))
}
