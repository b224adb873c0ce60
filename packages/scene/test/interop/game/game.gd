extends Node
# A small game. As a client (ROLE "client"), a TypeScript server authenticates it, welcomes it,
# spawns a player for it and drives it with command(). As the host (ROLE "host", the server,
# peer 1), it does the same for a TypeScript client, which drives it with chat() (see
# _host_chat). Everything it sees is printed as PP| lines.
#
# TRANSPORT "websocket": URL is the server's ws://127.0.0.1 address. TRANSPORT "webrtc": URL is
# a signalling server of the webrtc_signaling demo's protocol on 127.0.0.1, and the demo's client
# script (res://test_client.gd, given by the test) joins LOBBY ("" creates one: the host).

const ROLE := "__ROLE__"
const TRANSPORT := "__TRANSPORT__"
const URL := "__URL__"
const LOBBY := "__LOBBY__"
const TOKEN := "__TOKEN__"
const ACCEPTED := ["alice", "bob"]

var mp: SceneMultiplayer

func _ready() -> void:
	mp = multiplayer as SceneMultiplayer
	if ROLE == "host":
		mp.auth_callback = _on_host_auth
	else:
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
	if TRANSPORT == "webrtc":
		var signaling: Node = load("res://test_client.gd").new()
		add_child(signaling)
		signaling.lobby_joined.connect(func(lobby: String) -> void: pp_emit_text("lobby", lobby))
		signaling.start(URL, LOBBY, false)
	else:
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
func hello(who: String, level: int, ratio: float, at: Vector2) -> void:
	if ROLE != "host":
		return
	var id := mp.get_remote_sender_id()
	pp_emit_text("hello", "%d|%s|%d|%s|%s" % [id, who, level, str(ratio), str(at)])
	var player: Node2D = load("res://player.tscn").instantiate()
	player.name = str(id)
	player.position = Vector2(10 * ($Players.get_child_count() + 1), 20)
	player.nick = who
	$Players.add_child(player, true)
	# get_peers() is a PackedInt32Array; welcome() takes an Array.
	welcome.rpc_id(id, "hello " + who, Array(mp.get_peers()), 1.5)

@rpc
func welcome(message: String, peers: Array, when: float) -> void:
	pp_emit_text("welcome", "%s|%s|%s|%d" % [message, str(peers), str(when), mp.get_remote_sender_id()])

@rpc("any_peer")
func chat(text: String) -> void:
	pp_emit_text("chat", "%d|%s" % [mp.get_remote_sender_id(), text])
	if ROLE == "host":
		_host_chat(mp.get_remote_sender_id(), text)

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

# --- The host role --------------------------------------------------------------------------

func _on_host_auth(id: int, data: PackedByteArray) -> void:
	var token := data.get_string_from_utf8()
	pp_emit_text("auth_token", "%d|%s" % [id, token])
	if token in ACCEPTED:
		mp.send_auth(id, "welcome".to_utf8_buffer())
		mp.complete_auth(id)
	else:
		mp.send_auth(id, "go away".to_utf8_buffer())
		get_tree().create_timer(0.05).timeout.connect(func() -> void: mp.disconnect_peer(id))

# A client drives the host one step at a time; each step is acknowledged with chat("did <step>").
func _host_chat(id: int, what: String) -> void:
	var player := $Players.get_node_or_null(str(id))
	match what:
		"move":
			player.position = Vector2(33, 44)
			player.hp = 75
		"hit":
			player.hit.rpc_id(id, 12)
		"input":
			command.rpc_id(id, "input", 3)
		"ping":
			ping.rpc()
		"bytes":
			mp.send_bytes("bytes from the host".to_utf8_buffer(), id)
		"despawn":
			player.queue_free()
			pp_emit("despawned", id)
		"bye":
			pp_done()
			return
		_:
			return
	chat.rpc_id(id, "did " + what)
