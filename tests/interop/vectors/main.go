// Command vectors prints Grapevine's golden wire vectors, one "name hex" line each,
// produced by the real Go libraries memberlist uses: hashicorp/go-msgpack (Debian 0.5.5),
// compress/lzw, hash/crc32 and crypto/cipher AES-GCM. Structs mirror memberlist net.go
// field for field; every input is fixed, so the output is deterministic.
//
// Build offline: GO111MODULE=off GOPATH=/usr/share/gocode go build -o vectors .
package main

import (
	"bytes"
	"compress/lzw"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"

	"github.com/hashicorp/go-msgpack/codec"
)

// Mirrors of memberlist's net.go structs (same names, types and tags).
type ping struct {
	SeqNo      uint32
	Node       string
	SourceAddr []byte `codec:",omitempty"`
	SourcePort uint16 `codec:",omitempty"`
	SourceNode string `codec:",omitempty"`
}

type indirectPingReq struct {
	SeqNo      uint32
	Target     []byte
	Port       uint16
	Node       string
	Nack       bool
	SourceAddr []byte `codec:",omitempty"`
	SourcePort uint16 `codec:",omitempty"`
	SourceNode string `codec:",omitempty"`
}

type ackResp struct {
	SeqNo   uint32
	Payload []byte
}

type nackResp struct{ SeqNo uint32 }
type errResp struct{ Error string }

type suspect struct {
	Incarnation uint32
	Node        string
	From        string
}

type alive struct {
	Incarnation uint32
	Node        string
	Addr        []byte
	Port        uint16
	Meta        []byte
	Vsn         []uint8
}

type dead struct {
	Incarnation uint32
	Node        string
	From        string
}

type pushPullHeader struct {
	Nodes        int
	UserStateLen int
	Join         bool
}

type userMsgHeader struct{ UserMsgLen int }

type nodeStateType int

type pushNodeState struct {
	Name        string
	Addr        []byte
	Port        uint16
	Meta        []byte
	Incarnation uint32
	State       nodeStateType
	Vsn         []uint8
}

type compressionType uint8

type compress struct {
	Algo compressionType
	Buf  []byte
}

const (
	pingMsg         = 0
	indirectPingMsg = 1
	ackRespMsg      = 2
	suspectMsg      = 3
	aliveMsg        = 4
	deadMsg         = 5
	pushPullMsg     = 6
	compoundMsg     = 7
	userMsg         = 8
	compressMsg     = 9
	encryptMsg      = 10
	nackRespMsg     = 11
	hasCrcMsg       = 12
	errMsg          = 13
)

var (
	vsn    = []uint8{1, 5, 2, 0, 0, 0}
	local4 = []byte{127, 0, 0, 1}
	mapped = []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2}
	nonce  = []byte{0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab}
)

// encode is memberlist util.go encode: type byte, then msgpack with a default handle.
func encode(msgType byte, in interface{}) []byte {
	buf := bytes.NewBuffer(nil)
	buf.WriteByte(msgType)
	hd := codec.MsgpackHandle{}
	if err := codec.NewEncoder(buf, &hd).Encode(in); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// pattern gives the deterministic byte strings the C++ side rebuilds: b[i] = (mul*i+add) mod 251.
func pattern(n, mul, add int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = byte((mul*i + add) % 251)
	}
	return out
}

func lzwCompress(in []byte) []byte {
	var buf bytes.Buffer
	w := lzw.NewWriter(&buf, lzw.LSB, 8)
	if _, err := w.Write(in); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func compressed(in []byte) []byte {
	return encode(compressMsg, &compress{Algo: 0, Buf: lzwCompress(in)})
}

func compound(parts ...[]byte) []byte {
	var buf bytes.Buffer
	buf.WriteByte(compoundMsg)
	buf.WriteByte(byte(len(parts)))
	for _, p := range parts {
		binary.Write(&buf, binary.BigEndian, uint16(len(p)))
	}
	for _, p := range parts {
		buf.Write(p)
	}
	return buf.Bytes()
}

func withCrc(msg []byte) []byte {
	var buf bytes.Buffer
	buf.WriteByte(hasCrcMsg)
	binary.Write(&buf, binary.BigEndian, crc32.ChecksumIEEE(msg))
	buf.Write(msg)
	return buf.Bytes()
}

// encrypt mirrors memberlist security.go encryptPayload (version 0 pads with PKCS#7).
func encrypt(vsn int, key, msg, aad []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	plain := append([]byte(nil), msg...)
	if vsn == 0 {
		more := 16 - len(plain)%16
		for i := 0; i < more; i++ {
			plain = append(plain, byte(more))
		}
	}
	out := append([]byte{byte(vsn)}, nonce...)
	return gcm.Seal(out, nonce, plain, aad)
}

// encryptedFrame mirrors net.go rawSendMsgStream: 0a, length, ciphertext; AAD = header + label.
func encryptedFrame(key, inner []byte, label string) []byte {
	length := 1 + len(nonce) + len(inner) + 16
	header := []byte{encryptMsg, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(header[1:], uint32(length))
	aad := append(append([]byte(nil), header...), []byte(label)...)
	return concat(header, encrypt(1, key, inner, aad)[0:])
}

func key(n int) []byte { return pattern(n, 1, 0) }

func emit(name string, b []byte) { fmt.Printf("%s %s\n", name, hex.EncodeToString(b)) }

func nodeStates(n int) []byte {
	var out []byte
	for i := 0; i < n; i++ {
		st := pushNodeState{Name: fmt.Sprintf("node-%d", i), Addr: local4, Port: uint16(7946 + i),
			Incarnation: uint32(i * 1000), State: nodeStateType(i % 4), Vsn: vsn}
		if i%3 == 0 {
			st.Meta = pattern(i%40+1, 3, i)
		}
		out = append(out, encode(0, &st)[1:]...)
	}
	return out
}

func pushPull(nodes, userLen int, join bool) []byte {
	hdr := encode(pushPullMsg, &pushPullHeader{Nodes: nodes, UserStateLen: userLen, Join: join})
	return concat(hdr, nodeStates(nodes), pattern(userLen, 7, 1))
}

func main() {
	fmt.Println("# Go golden vectors for core/wire; regenerate with:")
	fmt.Println("#   cd tests/interop/vectors && GO111MODULE=off GOPATH=/usr/share/gocode go run . > ../../wire/go_vectors.txt")
	pingFull := encode(pingMsg, &ping{SeqNo: 1, Node: "node-b", SourceAddr: local4, SourcePort: 7946, SourceNode: "node-a"})
	susp := encode(suspectMsg, &suspect{Incarnation: 5, Node: "node-b", From: "node-a"})
	emit("msg.ping.full", pingFull)
	emit("msg.ping.min", encode(pingMsg, &ping{SeqNo: 300, Node: "node-b"}))
	emit("msg.ping.u32", encode(pingMsg, &ping{SeqNo: 4000000000, Node: ""}))
	emit("msg.indirect", encode(indirectPingMsg, &indirectPingReq{SeqNo: 70000, Target: mapped, Port: 7946,
		Node: "node-c", Nack: true, SourceAddr: local4, SourcePort: 7946, SourceNode: "node-a"}))
	emit("msg.indirect.min", encode(indirectPingMsg, &indirectPingReq{SeqNo: 9, Target: local4, Port: 0, Node: "x"}))
	emit("msg.ack.nil", encode(ackRespMsg, &ackResp{SeqNo: 1}))
	emit("msg.ack.payload", encode(ackRespMsg, &ackResp{SeqNo: 255, Payload: pattern(40, 5, 2)}))
	emit("msg.nack", encode(nackRespMsg, &nackResp{SeqNo: 65535}))
	emit("msg.err", encode(errMsg, &errResp{Error: "boom"}))
	emit("msg.suspect", susp)
	emit("msg.suspect.longname", encode(suspectMsg, &suspect{Incarnation: 65536, Node: string(bytes.Repeat([]byte("x"), 40)), From: "a"}))
	emit("msg.dead", encode(deadMsg, &dead{Incarnation: 3, Node: "node-b", From: "node-b"}))
	emit("msg.alive", encode(aliveMsg, &alive{Incarnation: 1, Node: "node-a", Addr: local4, Port: 7946, Vsn: vsn}))
	emit("msg.alive.meta", encode(aliveMsg, &alive{Incarnation: 200, Node: "node-a", Addr: mapped, Port: 7946,
		Meta: pattern(512, 11, 3), Vsn: vsn}))
	emit("tcp.pushpull.small", pushPull(1, 3, true))
	emit("tcp.pushpull.ints1", pushPull(130, 300, false))
	emit("tcp.pushpull.ints2", pushPull(0, 66000, true))
	emit("tcp.pushpull.states", pushPull(12, 0, false))
	emit("tcp.user", concat(encode(userMsg, &userMsgHeader{UserMsgLen: 5}), []byte("hello")))
	emit("tcp.user.1000", concat(encode(userMsg, &userMsgHeader{UserMsgLen: 1000}), pattern(1000, 13, 4)))
	emit("udp.user", concat([]byte{userMsg}, []byte("hello")))
	emit("udp.compound", compound(pingFull, susp))
	emit("udp.crc.ping", withCrc(pingFull))
	emit("udp.compressed.compound", compressed(compound(pingFull, susp, pingFull, susp)))
	for _, in := range []struct {
		name string
		data []byte
	}{
		{"empty", nil}, {"a", []byte("a")}, {"aaaa", []byte("aaaa")},
		{"abc", bytes.Repeat([]byte("abc"), 16)}, {"A", pattern(5000, 7, 0)},
		{"zeros", make([]byte, 70000)}, {"mixed", pattern(20000, 97, 13)},
	} {
		emit("lzw."+in.name, lzwCompress(in.data))
	}
	for _, size := range []int{16, 24, 32} {
		for _, v := range []int{0, 1} {
			emit(fmt.Sprintf("aes%d.v%d", size*8, v), encrypt(v, key(size), pingFull, nil))
		}
	}
	emit("aes128.v1.label", concat([]byte{0xf4, 4}, []byte("prod"), encrypt(1, key(16), pingFull, []byte("prod"))))
	emit("frame.compressed.ping", compressed(pingFull))
	emit("frame.encrypted.pushpull", encryptedFrame(key(16), pushPull(1, 3, true), ""))
	emit("frame.encrypted.compressed.pushpull", encryptedFrame(key(32), compressed(pushPull(3, 10, false)), "prod"))
}
