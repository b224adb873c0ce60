extends Node
## A Godot 4 client for the @pp/example-chat server (a WebSocketMultiplayerPeer on Node).
## Attach it to any node. It joins as `player_name`, says the `greetings`, prints the room, and
## leaves when someone says `leave_on`. A `res://chat_config.json` with the same keys
## ({"url", "name", "greetings", "leave_on"}) overrides the exported values.
##
## Every message is a Dictionary sent with put_var: {"type": "join", "name": …} and
## {"type": "say", "text": …} from us; "welcome", "joined", "said" and "left" from the server.

@export var url := "ws://127.0.0.1:9080"
@export var player_name := "godot"
@export var greetings: PackedStringArray = ["hello from Godot"]
@export var leave_on := "bye"

var peer := WebSocketMultiplayerPeer.new()
var users := {}


func _ready() -> void:
	_load_config()
	peer.peer_connected.connect(_on_server_connected)
	peer.peer_disconnected.connect(_on_server_disconnected)
	var err := peer.create_client(url)
	print("[chat] connecting to %s: %s" % [url, error_string(err)])


func _process(_delta: float) -> void:
	peer.poll()
	while peer.get_available_packet_count() > 0:
		var message = peer.get_var()
		if message is Dictionary:
			_handle(message)


func _on_server_connected(_id: int) -> void:
	print("[chat] connected as peer %d" % peer.get_unique_id())
	_send({"type": "join", "name": player_name})
	for line in greetings:
		_send({"type": "say", "text": line})


func _on_server_disconnected(_id: int) -> void:
	print("[chat] the server closed the connection")
	get_tree().quit()


func _handle(message: Dictionary) -> void:
	match message.get("type"):
		"welcome":
			users = message.get("users", {})
			print("[chat] welcome! in the room: %s" % ", ".join(PackedStringArray(users.values())))
		"joined":
			users[message.id] = message.name
			print("[chat] %s joined" % message.name)
		"left":
			users.erase(message.id)
			print("[chat] %s left" % message.name)
		"said":
			print("[chat] %s: %s" % [message.name, message.text])
			if message.text == leave_on and message.id != peer.get_unique_id():
				print("[chat] leaving")
				peer.close()
				get_tree().quit()


func _send(message: Dictionary) -> void:
	peer.put_var(message)


func _load_config() -> void:
	if not FileAccess.file_exists("res://chat_config.json"):
		return
	var config = JSON.parse_string(FileAccess.get_file_as_string("res://chat_config.json"))
	if config is Dictionary:
		url = config.get("url", url)
		player_name = config.get("name", player_name)
		greetings = PackedStringArray(config.get("greetings", greetings))
		leave_on = config.get("leave_on", leave_on)
