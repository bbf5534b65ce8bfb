package main

import (
	"encoding/base64"
	"fmt"
	"io/ioutil"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/memberlist"
)

type options struct {
	name            string
	bindHost        string
	bindPort        int
	advertiseHost   string
	advertisePort   int
	joins           []string
	profile         string
	keys            [][]byte
	http            string
	logFormat       string
	protocolVersion int
	noCompress      bool
	plain           bool
	relay           bool
}

const usage = `usage: goagent [options]
  --name NAME              node name (default <hostname>-<port>)
  --bind HOST:PORT         gossip address (default 0.0.0.0:7946)
  --advertise HOST:PORT    address announced to peers
  --join HOST:PORT         peer to join; repeatable; retried until it answers
  --profile local|lan|wan  memberlist DefaultLocalConfig/LANConfig/WANConfig (default lan)
  --key BASE64             AES key (16/24/32 bytes); repeatable, first encrypts
  --http HOST:PORT         HTTP API (off unless given)
  --log-format text|json   events on stdout (default json)
  --protocol-version N     memberlist protocol version to speak (1..5)
  --no-compress            EnableCompression = false
  --plain                  the classic example: set only broadcasts, no push/pull state
  --relay                  re-broadcast a received value the first time it is seen
`

func parseOptions(args []string) (*options, error) {
	o := &options{bindHost: "0.0.0.0", bindPort: 7946, profile: "lan", logFormat: "json", protocolVersion: -1}
	args = splitEquals(args)
	for i := 0; i < len(args); i++ {
		arg := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", arg)
			}
			i++
			return args[i], nil
		}
		if err := o.apply(arg, value); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// splitEquals turns "--opt=value" into "--opt" "value".
func splitEquals(args []string) []string {
	out := make([]string, 0, len(args))
	for _, arg := range args {
		if eq := strings.IndexByte(arg, '='); eq > 0 && strings.HasPrefix(arg, "--") {
			out = append(out, arg[:eq], arg[eq+1:])
			continue
		}
		out = append(out, arg)
	}
	return out
}

func (o *options) apply(arg string, value func() (string, error)) error {
	switch arg {
	case "--no-compress":
		o.noCompress = true
		return nil
	case "--plain":
		o.plain = true
		return nil
	case "--relay":
		o.relay = true
		return nil
	case "--plain-values":
		// grapevine-agent's option; the Go peer's values are always plain text.
		return nil
	case "-h", "--help":
		fmt.Print(usage)
		os.Exit(0)
	}
	v, err := value()
	if err != nil {
		return err
	}
	switch arg {
	case "--name":
		o.name = v
	case "--bind":
		o.bindHost, o.bindPort, err = splitHostPort(arg, v)
	case "--advertise":
		o.advertiseHost, o.advertisePort, err = splitHostPort(arg, v)
	case "--join":
		_, _, err = splitHostPort(arg, v)
		o.joins = append(o.joins, v)
	case "--profile":
		o.profile = v
		if v != "local" && v != "lan" && v != "wan" {
			err = fmt.Errorf("--profile: %q is not local, lan or wan", v)
		}
	case "--key":
		err = o.addKey(v)
	case "--key-file":
		err = o.addKeyFile(v)
	case "--http":
		_, _, err = splitHostPort(arg, v)
		o.http = v
	case "--log-format":
		o.logFormat = v
		if v != "text" && v != "json" {
			err = fmt.Errorf("--log-format: %q is not text or json", v)
		}
	case "--protocol-version":
		o.protocolVersion, err = strconv.Atoi(v)
		if err == nil && (o.protocolVersion < int(memberlist.ProtocolVersionMin) || o.protocolVersion > int(memberlist.ProtocolVersionMax)) {
			err = fmt.Errorf("--protocol-version: %d is outside %d..%d", o.protocolVersion,
				memberlist.ProtocolVersionMin, memberlist.ProtocolVersionMax)
		}
	case "--data-dir":
		// grapevine-agent's option; the Go peer keeps nothing on disk.
	case "--label":
		err = fmt.Errorf("--label: memberlist 0.2.2 has no label support")
	default:
		err = fmt.Errorf("unknown option %s\n%s", arg, usage)
	}
	return err
}

func (o *options) addKey(text string) error {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return fmt.Errorf("--key: key %d is not base64", len(o.keys)+1)
	}
	if err := memberlist.ValidateKey(key); err != nil {
		return fmt.Errorf("--key: key %d is %d bytes; AES keys must be 16, 24 or 32 bytes", len(o.keys)+1, len(key))
	}
	o.keys = append(o.keys, key)
	return nil
}

func (o *options) addKeyFile(path string) error {
	data, err := ioutil.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--key-file: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := o.addKey(line); err != nil {
			return err
		}
	}
	return nil
}

func splitHostPort(opt, text string) (string, int, error) {
	host, portText, err := net.SplitHostPort(text)
	if err != nil {
		return "", 0, fmt.Errorf("%s: %q is not HOST:PORT", opt, text)
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("%s: %q is not a port number", opt, portText)
	}
	return host, port, nil
}

// buildConfig starts from the memberlist profile and changes only what an option asks for.
func buildConfig(o *options, p *peer) (*memberlist.Config, error) {
	var conf *memberlist.Config
	switch o.profile {
	case "local":
		conf = memberlist.DefaultLocalConfig()
	case "wan":
		conf = memberlist.DefaultWANConfig()
	default:
		conf = memberlist.DefaultLANConfig()
	}
	conf.BindAddr, conf.BindPort = o.bindHost, o.bindPort
	if o.advertiseHost != "" {
		conf.AdvertiseAddr, conf.AdvertisePort = o.advertiseHost, o.advertisePort
	}
	conf.Name = o.name
	if conf.Name == "" {
		host, _ := os.Hostname()
		conf.Name = fmt.Sprintf("%s-%d", host, o.bindPort)
	}
	if o.protocolVersion >= 0 {
		conf.ProtocolVersion = uint8(o.protocolVersion)
	}
	conf.EnableCompression = !o.noCompress
	if len(o.keys) > 0 {
		ring, err := memberlist.NewKeyring(o.keys, o.keys[0])
		if err != nil {
			return nil, fmt.Errorf("--key: %v", err)
		}
		conf.Keyring = ring
	}
	conf.LogOutput = os.Stderr
	conf.Delegate = p
	conf.Events = p
	return conf, nil
}
