extends Node
# The lobby client. Set server_url and player_name in the inspector (or in res://lobby_config.json:
# {"url": …, "name": …, "greeting": …, "moves": 3}) and run. The server authenticates the name,
# spawns an avatar for each player, relays chat, and moves avatars on request.

@export var server_url := "ws://127.0.0.1:9080"
@export var player_name := "player"
@export var greeting := "hello!"
## How many times to step right before saying goodbye (0: stay).
@export var moves := 0

var mp: SceneMultiplayer

func _ready() -> void:
	_read_config()
	mp = multiplayer as SceneMultiplayer
	mp.auth_callback = _on_auth
	mp.peer_authenticating.connect(func(id: int) -> void: mp.send_auth(id, player_name.to_utf8_buffer()))
	mp.connected_to_server.connect(_on_connected)
	mp.server_disconnected.connect(func() -> void:
		_say_line("disconnected")
		get_tree().quit())
	mp.peer_authentication_failed.connect(func(_id: int) -> void: _say_line("refused"))
	var peer := WebSocketMultiplayerPeer.new()
	_say_line("connecting to %s" % server_url)
	peer.create_client(server_url)
	mp.multiplayer_peer = peer

func _read_config() -> void:
	if not FileAccess.file_exists("res://lobby_config.json"):
		return
	var config: Dictionary = JSON.parse_string(FileAccess.get_file_as_string("res://lobby_config.json"))
	server_url = config.get("url", server_url)
	player_name = config.get("name", player_name)
	greeting = config.get("greeting", greeting)
	moves = int(config.get("moves", moves))

func _on_auth(id: int, data: PackedByteArray) -> void:
	var answer := data.get_string_from_utf8()
	if answer == "ok":
		mp.complete_auth(id)
	else:
		_say_line("the server says: %s" % answer)

func _on_connected() -> void:
	_say_line("joined as %s (peer %d)" % [player_name, mp.get_unique_id()])
	say.rpc_id(1, greeting)

## Called by this peer's avatar with every score it receives (the first right after it spawns).
func on_my_score(score: int) -> void:
	if moves > 0 and score >= moves:
		say.rpc_id(1, "bye")
		_say_line("leaving")
		mp.multiplayer_peer.close()
		get_tree().quit()
	elif moves > 0:
		move.rpc_id(1, Vector2.RIGHT)

# --- RPCs: the client calls say and move; the server calls said and roster. -----------------

@rpc("any_peer")
func say(_text: String) -> void:
	pass

@rpc("any_peer", "unreliable_ordered")
func move(_direction: Vector2) -> void:
	pass

@rpc
func said(who: String, text: String) -> void:
	_say_line("%s: %s" % [who, text])

@rpc
func roster(names: PackedStringArray) -> void:
	_say_line("in the lobby: %s" % ", ".join(names))

func _say_line(text: String) -> void:
	print("[lobby] ", text)
