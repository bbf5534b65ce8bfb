package main

import (
	"encoding/binary"
	"errors"
)

// Grapevine's value envelope (docs/protocol.md, core/value/envelope.h), written here from
// the documented layout so the test peer can check push/pull user state both ways:
//   C1 'G' 'V' 01 | lamport u64 BE | origin: u16 BE length + bytes | value: u16 BE length + bytes
// Bytes after the value are ignored (fields may be appended within format 1).

type version struct {
	lamport uint64
	origin  string
}

func (v version) newerThan(o version) bool {
	if v.lamport != o.lamport {
		return v.lamport > o.lamport
	}
	return v.origin > o.origin
}

func isEnvelope(b []byte) bool {
	return len(b) >= 4 && b[0] == 0xC1 && b[1] == 'G' && b[2] == 'V'
}

func encodeEnvelope(v version, value string) []byte {
	out := []byte{0xC1, 'G', 'V', 0x01}
	out = binary.BigEndian.AppendUint64(out, v.lamport)
	out = binary.BigEndian.AppendUint16(out, uint16(len(v.origin)))
	out = append(out, v.origin...)
	out = binary.BigEndian.AppendUint16(out, uint16(len(value)))
	return append(out, value...)
}

func decodeEnvelope(b []byte) (version, string, error) {
	if !isEnvelope(b) || b[3] != 0x01 {
		return version{}, "", errors.New("not a format-1 Grapevine envelope")
	}
	rest := b[4:]
	if len(rest) < 8 {
		return version{}, "", errors.New("truncated lamport time")
	}
	v := version{lamport: binary.BigEndian.Uint64(rest)}
	rest = rest[8:]
	origin, rest, ok := cutText(rest)
	if !ok {
		return version{}, "", errors.New("truncated origin")
	}
	value, _, ok := cutText(rest)
	if !ok {
		return version{}, "", errors.New("truncated value")
	}
	v.origin = origin
	return v, value, nil
}

func cutText(b []byte) (string, []byte, bool) {
	if len(b) < 2 {
		return "", nil, false
	}
	n := int(binary.BigEndian.Uint16(b))
	if len(b)-2 < n {
		return "", nil, false
	}
	return string(b[2 : 2+n]), b[2+n:], true
}
