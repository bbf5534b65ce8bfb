-- memberlist.lua — a Wireshark (4.0 and later) dissector for hashicorp/memberlist gossip,
-- the protocol of Consul, Nomad, Serf and Grapevine, with Serf's messages inside it.
-- Shipped with Grapevine (packaging/wireshark); installed where Wireshark loads Lua plugins.
--
-- Decodes without keys: the label header, CRC (checked), LZW compression (decompressed),
-- compound messages, every message's msgpack fields, push/pull and user messages over TCP
-- (reassembled across segments), Serf's messages in user messages and push/pull state, and
-- Grapevine's value envelopes. Encrypted packets and frames are shown as encrypted (their
-- version byte and size): AES-GCM needs keys this dissector never asks for; decrypt with
-- `grapevine-decode FILE --key … --export out.pcapng --decrypted` and open that instead.
--
-- Filter fields: memberlist.type, .node, .from, .incarnation, .seq, .addr, .port, .state,
-- .label, .encrypted, .crc, .crc_ok, .compound_parts, .compressed, .nodes, .join,
-- .user_payload, .serf.type, .serf.name, .grapevine.value.
-- Preference: memberlist.port (default 7946, UDP and TCP).

local ml = Proto("memberlist", "HashiCorp memberlist gossip")

local message_names = {
    [0] = "ping", [1] = "indirect-ping", [2] = "ack", [3] = "suspect", [4] = "alive",
    [5] = "dead", [6] = "push-pull", [7] = "compound", [8] = "user", [9] = "compress",
    [10] = "encrypt", [11] = "nack", [12] = "crc", [13] = "err", [244] = "label",
}
local state_names = { [0] = "alive", [1] = "suspect", [2] = "dead", [3] = "left" }
local serf_names = {
    [0] = "leave intent", [1] = "join intent", [2] = "push-pull", [3] = "user event",
    [4] = "query", [5] = "query response", [6] = "conflict response", [7] = "key request",
    [8] = "key response", [9] = "relay",
}

local f = {
    type = ProtoField.uint8("memberlist.type", "Message type", base.DEC, message_names),
    label = ProtoField.string("memberlist.label", "Label"),
    encrypted = ProtoField.bytes("memberlist.encrypted", "Encrypted payload"),
    enc_version = ProtoField.uint8("memberlist.encryption_version", "Encryption version"),
    crc = ProtoField.uint32("memberlist.crc", "CRC-32", base.HEX),
    crc_ok = ProtoField.bool("memberlist.crc_ok", "CRC-32 matches"),
    parts = ProtoField.uint8("memberlist.compound_parts", "Compound parts"),
    compressed = ProtoField.uint32("memberlist.compressed", "Compressed bytes"),
    node = ProtoField.string("memberlist.node", "Node"),
    from = ProtoField.string("memberlist.from", "From"),
    incarnation = ProtoField.uint32("memberlist.incarnation", "Incarnation"),
    seq = ProtoField.uint32("memberlist.seq", "Sequence number"),
    addr = ProtoField.string("memberlist.addr", "Address"),
    port = ProtoField.uint16("memberlist.port", "Port"),
    state = ProtoField.string("memberlist.state", "State"),
    nodes = ProtoField.uint32("memberlist.nodes", "Node states"),
    join = ProtoField.bool("memberlist.join", "Join"),
    user = ProtoField.bytes("memberlist.user_payload", "User payload"),
    field = ProtoField.string("memberlist.field", "Field"),
    serf_type = ProtoField.uint8("memberlist.serf.type", "Serf message", base.DEC, serf_names),
    serf_name = ProtoField.string("memberlist.serf.name", "Serf event/query name"),
    gv_value = ProtoField.string("memberlist.grapevine.value", "Grapevine value"),
    error = ProtoField.string("memberlist.error", "Error"),
}
ml.fields = f

local ef_malformed = ProtoExpert.new("memberlist.malformed", "Malformed memberlist data",
    expert.group.MALFORMED, expert.severity.ERROR)
local ef_encrypted = ProtoExpert.new("memberlist.encrypted.note", "Encrypted (no keys in Wireshark)",
    expert.group.SECURITY, expert.severity.NOTE)
ml.experts = { ef_malformed, ef_encrypted }

ml.prefs.port = Pref.uint("Gossip port", 7946, "UDP and TCP port memberlist uses")

local NEED_MORE = {}
local NIL = setmetatable({}, { __tostring = function() return "nil" end }) -- msgpack nil

---------------------------------------------------------------------------------------------
-- msgpack: reads from a Lua string; positions are 1-based. Returns value, next position;
-- or nil, NEED_MORE when the bytes run out; or nil, "reason" when malformed.
---------------------------------------------------------------------------------------------
local function be(s, pos, n)
    local v = 0
    for i = 0, n - 1 do v = v * 256 + s:byte(pos + i) end
    return v
end

local function signed(v, bits)
    local half = 2 ^ (bits - 1)
    if v >= half then return v - 2 * half end
    return v
end

local mp_read

local function mp_container(s, pos, count, is_map, depth)
    local out = { map = is_map, keys = {}, vals = {}, pos = {} }
    for i = 1, count do
        local key
        if is_map then
            local k, p = mp_read(s, pos, depth + 1)
            if p == nil or type(p) ~= "number" then return nil, p end
            key, pos = k, p
        else
            key = i
        end
        local start = pos
        local v, p = mp_read(s, pos, depth + 1)
        if type(p) ~= "number" then return nil, p end
        out.keys[#out.keys + 1] = key
        out.vals[#out.vals + 1] = v
        out.pos[#out.pos + 1] = { start, p - start }
        pos = p
    end
    return out, pos
end

local function need(s, pos, n)
    return pos + n - 1 <= #s
end

mp_read = function(s, pos, depth)
    depth = depth or 0
    if depth > 32 then return nil, "msgpack nested too deep" end
    if pos > #s then return nil, NEED_MORE end
    local b = s:byte(pos)
    local function bytes(len_size, offset)
        if not need(s, pos + 1, len_size) then return nil, NEED_MORE end
        local n = be(s, pos + 1, len_size)
        local start = pos + 1 + len_size
        if not need(s, start, n) then return nil, NEED_MORE end
        return s:sub(start, start + n - 1), start + n
    end
    local function num(n, is_signed)
        if not need(s, pos + 1, n) then return nil, NEED_MORE end
        local v = be(s, pos + 1, n)
        if is_signed then v = signed(v, n * 8) end
        return v, pos + 1 + n
    end
    if b <= 0x7f then return b, pos + 1 end
    if b >= 0xe0 then return b - 256, pos + 1 end
    if b >= 0x80 and b <= 0x8f then return mp_container(s, pos + 1, b - 0x80, true, depth) end
    if b >= 0x90 and b <= 0x9f then return mp_container(s, pos + 1, b - 0x90, false, depth) end
    if b >= 0xa0 and b <= 0xbf then
        local n = b - 0xa0
        if not need(s, pos + 1, n) then return nil, NEED_MORE end
        return s:sub(pos + 1, pos + n), pos + 1 + n
    end
    if b == 0xc0 then return NIL, pos + 1 end
    if b == 0xc2 then return false, pos + 1 end
    if b == 0xc3 then return true, pos + 1 end
    if b == 0xc4 or b == 0xd9 then return bytes(1) end
    if b == 0xc5 or b == 0xda then return bytes(2) end
    if b == 0xc6 or b == 0xdb then return bytes(4) end
    if b == 0xcc then return num(1) end
    if b == 0xcd then return num(2) end
    if b == 0xce then return num(4) end
    if b == 0xcf then return num(8) end
    if b == 0xd0 then return num(1, true) end
    if b == 0xd1 then return num(2, true) end
    if b == 0xd2 then return num(4, true) end
    if b == 0xd3 then return num(8, true) end
    if b == 0xca then return num(4) end -- floats are not used by memberlist; shown raw
    if b == 0xcb then return num(8) end
    if b == 0xdc or b == 0xdd or b == 0xde or b == 0xdf then
        local size = (b == 0xdc or b == 0xde) and 2 or 4
        if not need(s, pos + 1, size) then return nil, NEED_MORE end
        return mp_container(s, pos + 1 + size, be(s, pos + 1, size), b >= 0xde, depth)
    end
    return nil, string.format("msgpack type 0x%02x is not used by memberlist", b)
end

local function get(map, name)
    if type(map) ~= "table" or not map.map then return nil end
    for i, k in ipairs(map.keys) do
        if k == name then
            if map.vals[i] == NIL then return nil end
            return map.vals[i], map.pos[i]
        end
    end
    return nil
end

local function ip_text(raw)
    if type(raw) ~= "string" then return "" end
    if #raw == 4 then
        return string.format("%d.%d.%d.%d", raw:byte(1, 4))
    end
    if #raw == 16 then
        if raw:sub(1, 12) == string.rep("\0", 10) .. "\255\255" then
            return string.format("%d.%d.%d.%d", raw:byte(13, 16))
        end
        local groups = {}
        for i = 1, 16, 2 do groups[#groups + 1] = string.format("%x", be(raw, i, 2)) end
        return table.concat(groups, ":")
    end
    return ""
end

local function printable(str)
    return str:match("^[%g ]*$") ~= nil
end

local function hex(str, limit)
    local out = {}
    for i = 1, math.min(#str, limit or #str) do out[i] = string.format("%02x", str:byte(i)) end
    return table.concat(out) .. ((limit and #str > limit) and "…" or "")
end

local function render(v, depth)
    depth = depth or 0
    if v == NIL then return "nil" end
    if type(v) == "string" then
        if printable(v) then return '"' .. v .. '"' end
        return "0x" .. hex(v, 32)
    end
    if type(v) == "table" then
        if depth > 2 then return "{…}" end
        local parts = {}
        for i, k in ipairs(v.keys) do
            local text = render(v.vals[i], depth + 1)
            parts[#parts + 1] = v.map and (tostring(k) .. "=" .. text) or text
        end
        return (v.map and "{" or "[") .. table.concat(parts, ", ") .. (v.map and "}" or "]")
    end
    return tostring(v)
end

---------------------------------------------------------------------------------------------
-- CRC-32 (IEEE) and Go's compress/lzw (LSB first, 8-bit literals), as memberlist uses them.
---------------------------------------------------------------------------------------------
local crc_table = {}
for i = 0, 255 do
    local c = i
    for _ = 1, 8 do
        if bit32.band(c, 1) == 1 then c = bit32.bxor(0xEDB88320, bit32.rshift(c, 1))
        else c = bit32.rshift(c, 1) end
    end
    crc_table[i] = c
end

local function crc32(str)
    local c = 0xFFFFFFFF
    for i = 1, #str do
        c = bit32.bxor(crc_table[bit32.band(bit32.bxor(c, str:byte(i)), 0xFF)], bit32.rshift(c, 8))
    end
    return bit32.bxor(c, 0xFFFFFFFF)
end

local function lzw_decompress(s)
    local dict = {}
    for i = 0, 255 do dict[i] = string.char(i) end
    local width, hi, overflow, last = 9, 257, 512, nil
    local bits, nbits, pos, out = 0, 0, 1, {}
    while true do
        while nbits < width do
            if pos > #s then return nil, "lzw: data ends without the end code" end
            bits = bits + s:byte(pos) * 2 ^ nbits
            pos, nbits = pos + 1, nbits + 8
        end
        local code = bits % 2 ^ width
        bits, nbits = math.floor(bits / 2 ^ width), nbits - width
        if code == 256 then
            width, hi, overflow, last = 9, 257, 512, nil
        elseif code == 257 then
            return table.concat(out)
        else
            local entry
            if code < 256 then
                entry = dict[code]
            elseif code == hi and last ~= nil then
                entry = dict[last] .. dict[last]:sub(1, 1)
            elseif code < hi then
                entry = dict[code]
            end
            if entry == nil then return nil, "lzw: invalid code " .. code end
            out[#out + 1] = entry
            if last ~= nil then dict[hi] = dict[last] .. entry:sub(1, 1) end
            last, hi = code, hi + 1
            if hi >= overflow then
                if width == 12 then last, hi = nil, hi - 1
                else width, overflow = width + 1, overflow * 2 end
            end
            if #out > 1000000 then return nil, "lzw: output over the limit" end
        end
    end
end

---------------------------------------------------------------------------------------------
-- Messages
---------------------------------------------------------------------------------------------
local dissect_buffer -- forward: (tvb, tree, pinfo, channel, depth, summary)

local function add_fields(tree, tvb, base, map)
    if type(map) ~= "table" then return end
    for i, k in ipairs(map.keys) do
        local p = map.pos[i]
        tree:add(f.field, tvb(base + p[1] - 1, p[2]), tostring(k) .. ": " .. render(map.vals[i]))
    end
end

local function add_named(tree, tvb, base, map, key, field, convert)
    local v, p = get(map, key)
    if v == nil or p == nil then return nil end
    local value = convert and convert(v) or v
    tree:add(field, tvb(base + p[1] - 1, p[2]), value)
    return value
end

local serf_dissect -- forward

-- Grapevine's value envelope: C1 'G' 'V' format, then lamport(8) and two u16 lengths.
local function grapevine_envelope(str)
    if #str < 16 or str:sub(1, 3) ~= "\193GV" then return nil end
    local format = str:byte(4)
    local lamport = be(str, 5, 8)
    local origin_len, value_len = be(str, 13, 2), be(str, 15, 2)
    local origin = str:sub(17, 16 + origin_len)
    local value = str:sub(17 + origin_len, 16 + origin_len + value_len)
    if format == 1 then
        return string.format('"%s" (lamport %d, origin %s)', value, lamport, origin), value
    elseif format == 2 then
        return string.format("holds lamport %d from %s", lamport, origin)
    elseif format == 0x81 then
        return string.format("metadata: holds lamport %d from %s", lamport, origin)
    end
    return nil
end

local function user_payload(tree, tvb, offset, str, pinfo)
    if #str == 0 then return "empty" end
    local range = tvb(offset, #str)
    tree:add(f.user, range)
    local gv, value = grapevine_envelope(str)
    if gv then
        tree:add(f.gv_value, range, value or gv):append_text(" " .. gv)
        return "grapevine " .. gv
    end
    local serf = serf_dissect(tree, tvb, offset, str, pinfo)
    if serf then return serf end
    if printable(str) then return '"' .. str .. '"' end
    return #str .. " bytes"
end

serf_dissect = function(tree, tvb, offset, str, pinfo)
    local kind = str:byte(1)
    if kind == nil or serf_names[kind] == nil or #str < 2 then return nil end
    local body, p = mp_read(str, 2)
    if type(p) ~= "number" or type(body) ~= "table" or not body.map then return nil end
    local sub = tree:add(f.serf_type, tvb(offset, 1), kind)
    add_fields(sub, tvb, offset, body)
    local name = get(body, "Name") or get(body, "Node")
    if type(name) == "string" then sub:add(f.serf_name, tvb(offset, #str), name) end
    return "serf " .. serf_names[kind] .. (type(name) == "string" and (" " .. name) or "")
end

local function summary_of(kind, map)
    local node = get(map, "Node")
    local parts = { message_names[kind] or ("type " .. kind) }
    local seq = get(map, "SeqNo")
    if seq then parts[#parts + 1] = "seq=" .. seq end
    if type(node) == "string" then parts[#parts + 1] = node end
    local inc = get(map, "Incarnation")
    if inc then parts[#parts + 1] = "inc=" .. inc end
    return table.concat(parts, " ")
end

-- One message's body (after its type byte) at tvb offset `offset`; `str` is the rest of the
-- buffer. Returns the bytes used, or nil and NEED_MORE / a reason.
local function dissect_message(kind, tvb, offset, str, tree, pinfo, channel)
    local item = tree:add(f.type, tvb(offset - 1, 1), kind)
    if kind == 8 and channel == "udp" then
        local what = user_payload(item, tvb, offset, str, pinfo)
        item:append_text(": " .. what)
        return #str, "user " .. what
    end
    local map, p = mp_read(str, 1)
    if type(p) ~= "number" then return nil, p end
    local used = p - 1
    add_fields(item, tvb, offset, map)
    add_named(item, tvb, offset, map, "Node", f.node)
    add_named(item, tvb, offset, map, "From", f.from)
    add_named(item, tvb, offset, map, "Incarnation", f.incarnation)
    add_named(item, tvb, offset, map, "SeqNo", f.seq)
    add_named(item, tvb, offset, map, "Addr", f.addr, ip_text)
    add_named(item, tvb, offset, map, "Target", f.addr, ip_text)
    add_named(item, tvb, offset, map, "Port", f.port)
    local summary = summary_of(kind, map)
    if kind == 5 and get(map, "Node") == get(map, "From") then summary = summary .. " (left)" end
    if kind == 6 then
        local count = get(map, "Nodes") or 0
        local user_len = get(map, "UserStateLen") or 0
        item:add(f.nodes, tvb(offset, used), count)
        add_named(item, tvb, offset, map, "Join", f.join)
        for i = 1, count do
            local state, q = mp_read(str, used + 1)
            if type(q) ~= "number" then return nil, q end
            local sub = item:add(f.node, tvb(offset + used, q - 1 - used), get(state, "Name") or "?")
            add_fields(sub, tvb, offset, state) -- positions count from str's start
            add_named(sub, tvb, offset, state, "Addr", f.addr, ip_text)
            add_named(sub, tvb, offset, state, "Port", f.port)
            add_named(sub, tvb, offset, state, "Incarnation", f.incarnation)
            sub:add(f.state, tvb(offset + used, q - 1 - used),
                state_names[get(state, "State") or 0] or "?")
            sub:append_text(" " .. (state_names[get(state, "State") or 0] or "?") .. " inc=" ..
                tostring(get(state, "Incarnation") or 0))
            used = q - 1
        end
        if #str < used + user_len then return nil, NEED_MORE end
        if user_len > 0 then
            local state = str:sub(used + 1, used + user_len)
            local sub = item:add(f.field, tvb(offset + used, user_len), "user state: " .. user_len .. " bytes")
            local gv = grapevine_envelope(state)
            if gv then sub:append_text(" — grapevine " .. gv)
            elseif state:byte(1) == 2 then serf_dissect(sub, tvb, offset + used, state, pinfo) end
        end
        used = used + user_len
        summary = summary .. " nodes=" .. count
    elseif kind == 8 then -- TCP user message: header {UserMsgLen} then the bytes
        local len = get(map, "UserMsgLen") or 0
        if #str < used + len then return nil, NEED_MORE end
        local payload = str:sub(used + 1, used + len)
        item:append_text(": " .. user_payload(item, tvb, offset + used, payload, pinfo))
        used = used + len
    end
    item:append_text(" — " .. summary)
    return used, summary
end

-- A buffer that starts with a type byte: compound, compress, crc or a message.
dissect_buffer = function(tvb, offset, len, tree, pinfo, channel, depth, summaries)
    if depth > 4 then return nil, "layers nested too deep" end
    if len < 1 then return nil, "empty message" end
    local str = tvb:raw(offset, len)
    local kind = str:byte(1)
    if kind == 7 then -- compound: count, u16 lengths, parts
        if len < 2 then return nil, NEED_MORE end
        local count = str:byte(2)
        local item = tree:add(f.parts, tvb(offset, 2 + 2 * count), count)
        local at = 2 + 2 * count
        for i = 1, count do
            local part_len = be(str, 1 + 2 * i, 2)
            if at + part_len > len then
                item:add_proto_expert_info(ef_malformed, "compound part " .. i .. " runs past the end")
                break
            end
            local ok, err = dissect_buffer(tvb, offset + at, part_len, item, pinfo, channel, depth + 1, summaries)
            if not ok then item:add_proto_expert_info(ef_malformed, "part " .. i .. ": " .. tostring(err)) end
            at = at + part_len
        end
        return len
    elseif kind == 9 then -- compress: {Algo, Buf} → LZW
        local map, p = mp_read(str, 2)
        if type(p) ~= "number" then return nil, p end
        local buf = get(map, "Buf") or ""
        local item = tree:add(f.compressed, tvb(offset, p - 1), #buf)
        local plain, err = lzw_decompress(buf)
        if not plain then return nil, err end
        local ptvb = ByteArray.new(plain, true):tvb("Decompressed")
        local ok, e = dissect_buffer(ptvb, 0, ptvb:len(), item, pinfo, channel, depth + 1, summaries)
        if not ok then return nil, e end
        return p - 1
    elseif kind == 12 then -- crc: u32 BE over the rest
        if len < 5 then return nil, "crc: too short" end
        local want = be(str, 2, 4)
        local got = crc32(str:sub(6))
        local item = tree:add(f.crc, tvb(offset + 1, 4), want)
        item:add(f.crc_ok, tvb(offset + 1, 4), want == got)
        if want ~= got then item:add_proto_expert_info(ef_malformed, "CRC mismatch") end
        return dissect_buffer(tvb, offset + 5, len - 5, tree, pinfo, channel, depth + 1, summaries)
    end
    local used, summary = dissect_message(kind, tvb, offset + 1, str:sub(2), tree, pinfo, channel)
    if not used then return nil, summary end
    summaries[#summaries + 1] = summary
    return used + 1
end

local function show_encrypted(tvb, offset, len, tree)
    local item = tree:add(f.encrypted, tvb(offset, len))
    item:add(f.enc_version, tvb(offset, 1))
    item:add_proto_expert_info(ef_encrypted)
end

-- Plaintext ping/indirect-ping fill a datagram exactly; AES-GCM output with version byte 0
-- or 1 parses that way only by chance.
local function looks_encrypted(str)
    local v = str:byte(1)
    if v ~= 0 and v ~= 1 then return false end
    if #str < (v == 0 and 45 or 29) then return false end
    local _, p = mp_read(str, 2)
    return type(p) ~= "number" or p ~= #str + 1
end

local function label_header(tvb, offset, tree)
    local len = tvb(offset + 1, 1):uint()
    tree:add(f.label, tvb(offset + 2, len), tvb:raw(offset + 2, len))
    return 2 + len, tvb:raw(offset + 2, len)
end

local function dissect_udp(tvb, pinfo, tree)
    pinfo.cols.protocol = "memberlist"
    local root = tree:add(ml, tvb())
    local offset, label = 0, nil
    if tvb:len() >= 2 and tvb(0, 1):uint() == 244 then
        local used
        used, label = label_header(tvb, 0, root)
        offset = used
    end
    local rest = tvb:raw(offset)
    local summaries = {}
    if looks_encrypted(rest) then
        show_encrypted(tvb, offset, #rest, root)
        summaries[1] = "encrypted (version " .. rest:byte(1) .. ")"
    else
        local ok, err = dissect_buffer(tvb, offset, #rest, root, pinfo, "udp", 0, summaries)
        if not ok then
            root:add_proto_expert_info(ef_malformed, tostring(err == NEED_MORE and "truncated" or err))
            root:add(f.error, tvb(offset), tostring(err == NEED_MORE and "truncated" or err))
        end
    end
    local info = table.concat(summaries, ", ")
    if label then info = "[" .. label .. "] " .. info end
    pinfo.cols.info = info
    return tvb:len()
end

-- One stream frame at `offset`: bytes used, or nil and NEED_MORE / a reason.
local function dissect_frame(tvb, offset, root, pinfo, summaries)
    local kind = tvb(offset, 1):uint()
    local left = tvb:len() - offset
    if kind == 244 then
        if left < 2 or left < 2 + tvb(offset + 1, 1):uint() then return nil, NEED_MORE end
        local used, label = label_header(tvb, offset, root)
        summaries[#summaries + 1] = "[" .. label .. "]"
        return used
    elseif kind == 10 then
        if left < 5 then return nil, NEED_MORE end
        local len = tvb(offset + 1, 4):uint()
        if left < 5 + len then return nil, NEED_MORE end
        show_encrypted(tvb, offset + 5, len, root)
        summaries[#summaries + 1] = "encrypted frame (version " .. tvb(offset + 5, 1):uint() .. ")"
        return 5 + len
    end
    return dissect_buffer(tvb, offset, left, root, pinfo, "tcp", 0, summaries)
end

local function dissect_tcp(tvb, pinfo, tree)
    pinfo.cols.protocol = "memberlist"
    local offset, summaries = 0, {}
    local root = tree:add(ml, tvb())
    while offset < tvb:len() do
        local used, err = dissect_frame(tvb, offset, root, pinfo, summaries)
        if not used then
            if err == NEED_MORE then
                pinfo.desegment_offset = offset
                pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
                return
            end
            root:add_proto_expert_info(ef_malformed, tostring(err))
            root:add(f.error, tvb(offset), tostring(err))
            break
        end
        offset = offset + used
    end
    pinfo.cols.info = table.concat(summaries, ", ")
    return tvb:len()
end

function ml.dissector(tvb, pinfo, tree)
    if tvb:len() == 0 then return 0 end
    if pinfo.port_type == 2 then return dissect_tcp(tvb, pinfo, tree) end
    return dissect_udp(tvb, pinfo, tree)
end

local registered_port = nil
local function register(port)
    if registered_port then
        DissectorTable.get("udp.port"):remove(registered_port, ml)
        DissectorTable.get("tcp.port"):remove(registered_port, ml)
    end
    DissectorTable.get("udp.port"):add(port, ml)
    DissectorTable.get("tcp.port"):add(port, ml)
    registered_port = port
end

function ml.prefs_changed()
    register(ml.prefs.port)
end

register(ml.prefs.port)
