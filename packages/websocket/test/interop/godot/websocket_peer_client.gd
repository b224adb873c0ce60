extends Node
# Godot 4 WebSocketPeer clients driven by the Node server of websocket-peer.test.ts. Several
# connections run at once; the server sends "cmd:…" text messages, everything else is reported.
# __PORT__ is replaced by the test.

const BASE := "ws://127.0.0.1:__PORT__"

var conns := {}
var states := {}
var vars_left := {}

func _ready() -> void:
	var d := WebSocketPeer.new()
	pp_emit_text("defaults", "%d,%d,%d,%s" % [d.inbound_buffer_size, d.outbound_buffer_size, d.max_queued_packets, str(d.heartbeat_interval)])
	var m := WebSocketMultiplayerPeer.new()
	pp_emit_text("mp_defaults", ",".join([str(m.inbound_buffer_size), str(m.outbound_buffer_size), str(m.max_queued_packets), str(m.handshake_timeout)]))
	open("main", "/main?x=1", ["nope", "pp-test"], ["X-Godot: 4"])
	open("svclose", "/svclose", ["pp-test"], [])
	open("badproto", "/badproto", ["unknown"], [])

func open(name: String, path: String, protocols: Array, headers: Array) -> void:
	var ws := WebSocketPeer.new()
	ws.supported_protocols = PackedStringArray(protocols)
	ws.handshake_headers = PackedStringArray(headers)
	conns[name] = ws
	states[name] = -1
	vars_left[name] = 0
	pp_emit_text("connect", "%s|%d" % [name, ws.connect_to_url(BASE + path)])

func _process(_delta: float) -> void:
	var closed := 0
	for name in conns:
		var ws: WebSocketPeer = conns[name]
		ws.poll()
		var state := ws.get_ready_state()
		if state != states[name]:
			states[name] = state
			if state == WebSocketPeer.STATE_OPEN:
				pp_emit_text("open", "%s|%s|%s" % [name, ws.get_selected_protocol(), ws.get_requested_url()])
				ws.send_text("hello from " + name)
			elif state == WebSocketPeer.STATE_CLOSED:
				pp_emit_text("closed", "%s|%d|%s" % [name, ws.get_close_code(), ws.get_close_reason()])
		while ws.get_available_packet_count() > 0:
			receive(name, ws)
		if state == WebSocketPeer.STATE_CLOSED:
			closed += 1
	if closed == conns.size():
		pp_done()

func receive(name: String, ws: WebSocketPeer) -> void:
	if vars_left[name] > 0:
		vars_left[name] -= 1
		var value = ws.get_var()
		pp_emit_text("var", "%s|%s|%d" % [type_string(typeof(value)), str(ws.was_string_packet()), ws.put_var(value)])
		return
	var bytes := ws.get_packet()
	if not ws.was_string_packet():
		pp_emit_text("binary", "%s|%d|%s" % [name, bytes.size(), sha256(bytes)])
		return
	var text := bytes.get_string_from_utf8()
	if not text.begins_with("cmd:"):
		pp_emit_text("text", "%s|%s" % [name, text])
		return
	var args := text.substr(4).split(" ", true, 2)
	match args[0]:
		"vars":
			vars_left[name] = int(args[1])
		"send":
			for size in args[1].split(","):
				var data := PackedByteArray()
				data.resize(int(size))
				for i in data.size():
					data[i] = i % 251
				pp_emit_text("sent", "%s|%d" % [size, ws.put_packet(data)])
		"text":
			pp_emit_text("sent_text", "%d|%d" % [ws.send_text("héllo ✓ from godot"), ws.send("raw text".to_utf8_buffer(), WebSocketPeer.WRITE_MODE_TEXT)])
		"close":
			ws.close(int(args[1]), args[2])

func sha256(bytes: PackedByteArray) -> String:
	var ctx := HashingContext.new()
	ctx.start(HashingContext.HASH_SHA256)
	ctx.update(bytes)
	return ctx.finish().hex_encode()
