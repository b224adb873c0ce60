extends Node
# A stock SceneMultiplayer client for the wire probe (wire-probe.test.ts). The Node server
# records every packet it sends and drives it with RAW "cmd:" packets.

var mp: SceneMultiplayer
var mine: Node2D

func _ready() -> void:
	mp = multiplayer as SceneMultiplayer
	rpc_config("dyn", {"rpc_mode": MultiplayerAPI.RPC_MODE_ANY_PEER, "transfer_mode": MultiplayerPeer.TRANSFER_MODE_RELIABLE, "call_local": false, "channel": 0})
	mp.auth_callback = func(id: int, data: PackedByteArray) -> void:
		pp_emit_text("auth", "%d|%s" % [id, data.get_string_from_utf8()])
		mp.complete_auth(id)
	mp.peer_authenticating.connect(func(id: int) -> void:
		pp_emit("authenticating", id)
		mp.send_auth(id, "token-123".to_utf8_buffer()))
	mp.connected_to_server.connect(_on_connected)
	mp.server_disconnected.connect(func() -> void: pp_emit("server_disconnected"))
	mp.peer_packet.connect(_on_packet)
	$PlayerSpawner.spawned.connect(func(n: Node) -> void: pp_emit("spawned", n.name))
	$PlayerSpawner.despawned.connect(func(n: Node) -> void: pp_emit("despawned", n.name))
	var peer := WebSocketMultiplayerPeer.new()
	pp_emit("create", peer.create_client("ws://127.0.0.1:__PORT__"))
	mp.multiplayer_peer = peer

func _on_connected() -> void:
	pp_emit("connected", mp.get_unique_id())
	hello.rpc_id(1, "web")
	report.rpc_id(1, true, -1, 300, 70000, 1.5, "hi", Vector2(1, 2), 1 << 40, [1, "a"], {"k": 2.0})
	mp.send_bytes("ping".to_utf8_buffer())

func _on_packet(id: int, bytes: PackedByteArray) -> void:
	var text := bytes.get_string_from_utf8()
	pp_emit_text("raw", "%d|%s" % [id, text])
	match text:
		"cmd:again":
			hello.rpc_id(1, "again")
			hello.rpc("everyone")
			dyn.rpc_id(1, 5)
		"cmd:spawn":
			$MineSpawner.set_multiplayer_authority(mp.get_unique_id())
			mine = load("res://player.tscn").instantiate()
			mine.name = "mine"
			mine.position = Vector2(3, 4)
			mine.hp = 5
			mine.set_multiplayer_authority(mp.get_unique_id())
			$Mine.add_child(mine, true)
		"cmd:hp":
			mine.hp = 6
		"cmd:move":
			mine.position = Vector2(7, 8)
		"cmd:cursor":
			$Cursor.set_multiplayer_authority(mp.get_unique_id())
			$Cursor.position = Vector2(-1, 0.5)
			$Cursor/CursorSync.update_visibility()
		"cmd:despawn":
			mine.queue_free()
		"cmd:done":
			pp_done()

@rpc("any_peer")
func hello(who: String) -> void:
	pp_emit_text("hello", who)

@rpc("any_peer")
func report(a, b, c, d, e, f, g, h, i, j) -> void:
	pass

@rpc
func welcome(n: int) -> void:
	pp_emit("welcome", "%d|%d" % [n, mp.get_remote_sender_id()])

func dyn(n: int) -> void:
	pp_emit("dyn", "%d|%d" % [n, mp.get_remote_sender_id()])
