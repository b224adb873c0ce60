extends SceneTree
# Godot 3.2.3 WebSocketClient (gd_mp_api = false: raw packets) driven by the Node server of
# godot3.test.ts through "cmd:…" text messages. __PORT__ is replaced by the test.

var client = WebSocketClient.new()
var vars_left = 0
var done = false

func _init():
	client.connect("connection_established", self, "_on_open")
	client.connect("connection_closed", self, "_on_closed")
	client.connect("connection_error", self, "_on_error")
	client.connect("data_received", self, "_on_data")
	client.connect("server_close_request", self, "_on_close_request")
	var err = client.connect_to_url("ws://127.0.0.1:__PORT__/godot3", PoolStringArray(["nope", "pp-test"]), false, PoolStringArray(["X-Godot: 3"]))
	pp_emit("connect", err)

func _idle(_delta):
	if not done:
		client.poll()
	return false

func _on_open(protocol):
	var peer = client.get_peer(1)
	pp_emit_text("open", "%s|%d" % [protocol, peer.get_write_mode()])

func _on_close_request(code, reason):
	pp_emit_text("close_request", "%d|%s" % [code, reason])

func _on_closed(was_clean):
	pp_emit("closed", was_clean)
	done = true
	pp_done()

func _on_error():
	pp_emit("error", "")
	done = true
	pp_done()

func _on_data():
	var peer = client.get_peer(1)
	while peer.get_available_packet_count() > 0:
		receive(peer)

func receive(peer):
	if vars_left > 0:
		vars_left -= 1
		var value = peer.get_var()
		peer.set_write_mode(WebSocketPeer.WRITE_MODE_BINARY)
		pp_emit("var", "%d|%s|%d" % [typeof(value), str(peer.was_string_packet()), peer.put_var(value)])
		return
	var bytes = peer.get_packet()
	if not peer.was_string_packet():
		pp_emit_bytes("binary", bytes)
		return
	var text = bytes.get_string_from_utf8()
	if not text.begins_with("cmd:"):
		pp_emit_text("text", text)
		return
	var args = text.substr(4, text.length()).split(" ", true, 2)
	match args[0]:
		"vars":
			vars_left = int(args[1])
		"text":
			peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT)
			pp_emit("sent_text", peer.put_packet("héllo ✓ from godot 3".to_utf8()))
		"binary":
			peer.set_write_mode(WebSocketPeer.WRITE_MODE_BINARY)
			pp_emit("sent_binary", peer.put_packet(PoolByteArray([1, 2, 3, 250])))
		"close":
			peer.close(int(args[1]), args[2])
