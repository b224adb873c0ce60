extends Node
# The client side of a small game. The server (TypeScript) authenticates it, welcomes it, spawns a
# player for it and drives it with command(); everything it sees is printed as PP| lines.

const URL := "ws://127.0.0.1:__PORT__"
const TOKEN := "__TOKEN__"

var mp: SceneMultiplayer

func _ready() -> void:
	mp = multiplayer as SceneMultiplayer
	mp.auth_callback = _on_auth
	mp.peer_authenticating.connect(func(id: int) -> void: mp.send_auth(id, TOKEN.to_utf8_buffer()))
	mp.peer_authentication_failed.connect(func(id: int) -> void: pp_emit("auth_failed", id))
	mp.connected_to_server.connect(_on_connected)
	mp.server_disconnected.connect(_on_server_disconnected)
	mp.peer_connected.connect(func(id: int) -> void: pp_emit("peer_connected", id))
	mp.peer_disconnected.connect(func(id: int) -> void: pp_emit("peer_disconnected", id))
	mp.peer_packet.connect(func(id: int, bytes: PackedByteArray) -> void: pp_emit_text("raw", "%d|%s" % [id, bytes.get_string_from_utf8()]))
	$PlayerSpawner.spawned.connect(func(node: Node) -> void: pp_emit("spawned", node.name))
	$PlayerSpawner.despawned.connect(func(node: Node) -> void: pp_emit("despawned", node.name))
	var peer := WebSocketMultiplayerPeer.new()
	peer.create_client(URL)
	mp.multiplayer_peer = peer

func _on_auth(id: int, data: PackedByteArray) -> void:
	var reply := data.get_string_from_utf8()
	pp_emit_text("auth_reply", reply)
	if reply == "welcome":
		mp.complete_auth(id)

func _on_connected() -> void:
	pp_emit("connected", mp.get_unique_id())
	hello.rpc_id(1, TOKEN, 7, 2.5, Vector2(1, 2))
	mp.send_bytes(("bytes from " + TOKEN).to_utf8_buffer(), 1)

func _on_server_disconnected() -> void:
	pp_emit("server_disconnected")
	pp_done()

@rpc("any_peer")
func hello(_name: String, _level: int, _ratio: float, _at: Vector2) -> void:
	pass

@rpc
func welcome(message: String, peers: Array, when: float) -> void:
	pp_emit_text("welcome", "%s|%s|%s|%d" % [message, str(peers), str(when), mp.get_remote_sender_id()])

@rpc("any_peer")
func chat(text: String) -> void:
	pp_emit_text("chat", "%d|%s" % [mp.get_remote_sender_id(), text])

@rpc("any_peer", "call_local")
func ping() -> void:
	pp_emit("ping", mp.get_remote_sender_id())

@rpc
func command(what: String, arg: int) -> void:
	pp_emit_text("command", "%s|%d" % [what, arg])
	match what:
		"chat":
			chat.rpc_id(arg, "hi from " + TOKEN)
		"chat_all":
			chat.rpc("everyone from " + TOKEN)
		"bytes_to":
			mp.send_bytes(("direct from " + TOKEN).to_utf8_buffer(), arg)
		"input":
			var me := $Players.get_node(str(mp.get_unique_id()))
			me.get_node("InputSync").direction = Vector2(arg, -arg)
		"forbidden":
			welcome.rpc_id(1, "not yours", [], 0.0)
		"ping":
			ping.rpc()
		"leave":
			mp.multiplayer_peer.close()
			pp_done()
