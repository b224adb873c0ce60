extends SceneTree
# Godot 3.2.3 WebSocketServer (gd_mp_api = false: raw packets) for the Node clients of
# godot3.test.ts, which drive it through "cmd:…" text messages; it ends after two clients.
# __PORT__ is replaced by the test.

var server = WebSocketServer.new()
var vars_left = 0
var disconnects = 0
var done = false

func _init():
	server.connect("client_connected", self, "_on_connected")
	server.connect("client_disconnected", self, "_on_disconnected")
	server.connect("client_close_request", self, "_on_close_request")
	server.connect("data_received", self, "_on_data")
	server.bind_ip = "127.0.0.1"
	pp_emit("listen", server.listen(__PORT__, PoolStringArray(["pp-test"]), false))

func _idle(_delta):
	if not done:
		server.poll()
	return false

func _on_connected(id, protocol):
	pp_emit_text("connected", "%s|%d" % [protocol, server.get_peer(id).get_write_mode()])

func _on_close_request(id, code, reason):
	pp_emit_text("close_request", "%d|%s" % [code, reason])

func _on_disconnected(id, was_clean):
	pp_emit("disconnected", was_clean)
	disconnects += 1
	if disconnects == 2:
		done = true
		server.stop()
		pp_done()

func _on_data(id):
	var peer = server.get_peer(id)
	while peer.get_available_packet_count() > 0:
		receive(id, peer)

func receive(id, peer):
	if vars_left > 0:
		vars_left -= 1
		var value = peer.get_var()
		peer.set_write_mode(WebSocketPeer.WRITE_MODE_BINARY)
		pp_emit("var", "%d|%s|%d" % [typeof(value), str(peer.was_string_packet()), peer.put_var(value)])
		return
	var bytes = peer.get_packet()
	if not peer.was_string_packet():
		pp_emit("binary", bytes.size())
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
		"close":
			server.disconnect_peer(id, int(args[1]), args[2])
