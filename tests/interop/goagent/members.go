package main

import (
	"encoding/base64"
	"net"
	"reflect"
	"sort"
	"sync"
	"unsafe"

	"github.com/hashicorp/memberlist"
)

// member is one row of GET /v1/members, the same fields as grapevine-agent's.
type member struct {
	Name        string `json:"name"`
	Addr        string `json:"addr"`
	Port        uint16 `json:"port"`
	State       string `json:"state"`
	Incarnation uint64 `json:"incarnation"`
	Meta        string `json:"meta"`
}

func stateName(s memberlist.NodeStateType) string {
	switch s {
	case memberlist.StateAlive:
		return "alive"
	case memberlist.StateSuspect:
		return "suspect"
	case memberlist.StateDead:
		return "dead"
	case memberlist.StateLeft:
		return "left"
	}
	return "unknown"
}

// members lists every known node, dead and left ones included, with its incarnation.
// memberlist 0.2.2 exports neither, so this reads its node table by reflection under its
// own lock (read-only; the layout is that of the pinned Debian package). If the layout
// differs it falls back to the public Members() (live nodes, incarnation 0).
func members(list *memberlist.Memberlist) []member {
	rows, ok := membersByReflection(list)
	if !ok {
		rows = rows[:0]
		for _, n := range list.Members() {
			rows = append(rows, member{Name: n.Name, Addr: n.Addr.String(), Port: n.Port,
				State: stateName(n.State), Meta: base64.StdEncoding.EncodeToString(n.Meta)})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
	return rows
}

func membersByReflection(list *memberlist.Memberlist) ([]member, bool) {
	v := reflect.ValueOf(list).Elem()
	lockField, nodesField := v.FieldByName("nodeLock"), v.FieldByName("nodes")
	if !lockField.IsValid() || lockField.Type() != reflect.TypeOf(sync.RWMutex{}) ||
		!nodesField.IsValid() || nodesField.Kind() != reflect.Slice {
		return nil, false
	}
	lock := (*sync.RWMutex)(unsafe.Pointer(lockField.UnsafeAddr()))
	lock.RLock()
	defer lock.RUnlock()
	rows := make([]member, 0, nodesField.Len())
	for i := 0; i < nodesField.Len(); i++ {
		row, ok := memberFromState(nodesField.Index(i))
		if !ok {
			return nil, false
		}
		rows = append(rows, row)
	}
	return rows, true
}

func memberFromState(ptr reflect.Value) (member, bool) {
	if ptr.Kind() != reflect.Ptr || ptr.IsNil() {
		return member{}, false
	}
	ns := ptr.Elem()
	node, inc, state := ns.FieldByName("Node"), ns.FieldByName("Incarnation"), ns.FieldByName("State")
	if !node.IsValid() || !inc.IsValid() || !state.IsValid() {
		return member{}, false
	}
	return member{
		Name:        node.FieldByName("Name").String(),
		Addr:        net.IP(node.FieldByName("Addr").Bytes()).String(),
		Port:        uint16(node.FieldByName("Port").Uint()),
		State:       stateName(memberlist.NodeStateType(state.Int())),
		Incarnation: inc.Uint(),
		Meta:        base64.StdEncoding.EncodeToString(node.FieldByName("Meta").Bytes()),
	}, true
}

// nodeStateMirror has the layout of memberlist 0.2.2's unexported nodeState, whose first
// field is the Node that event callbacks receive a pointer to. The callbacks run under
// memberlist's node lock, so the state and incarnation are read through this mirror
// rather than by taking the lock again. stateLayoutMatches checks the layout first.
type nodeStateMirror struct {
	memberlist.Node
	Incarnation uint32
	State       memberlist.NodeStateType
}

var stateLayoutOK = stateLayoutMatches()

func stateLayoutMatches() bool {
	field, ok := reflect.TypeOf(memberlist.Memberlist{}).FieldByName("nodes")
	if !ok || field.Type.Kind() != reflect.Slice || field.Type.Elem().Kind() != reflect.Ptr {
		return false
	}
	real, mirror := field.Type.Elem().Elem(), reflect.TypeOf(nodeStateMirror{})
	for _, name := range []string{"Node", "Incarnation", "State"} {
		a, okA := real.FieldByName(name)
		b, okB := mirror.FieldByName(name)
		if !okA || !okB || a.Offset != b.Offset || a.Type != b.Type || len(a.Index) != 1 {
			return false
		}
	}
	return true
}

// callbackState reads the real state and incarnation of a node handed to an event
// callback (Node.State itself is never updated by memberlist 0.2.2).
func callbackState(n *memberlist.Node, fallback string) (string, uint32) {
	if !stateLayoutOK {
		return fallback, 0
	}
	ns := (*nodeStateMirror)(unsafe.Pointer(n))
	return stateName(ns.State), ns.Incarnation
}
