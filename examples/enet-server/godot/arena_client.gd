# The Godot 4 client of examples/enet-server: plain GDScript on Godot's own ENetMultiplayerPeer.
# Attach to any Node, set `host` and `port`, run. It sends the stick 20 times a second and
# prints the arena state. Godot sends our unique id in ENet's CONNECT; the server answers with
# "welcome", then "state" every tick.
extends Node

@export var host := "127.0.0.1"
@export var port := 9090

var peer := ENetMultiplayerPeer.new()
var my_id := 0
var since_input := 0.0

func _ready() -> void:
	var err := peer.create_client(host, port)
	if err != OK:
		push_error("create_client failed: %s" % error_string(err))

func _process(delta: float) -> void:
	peer.poll()
	while peer.get_available_packet_count() > 0:
		var message = peer.get_var()
		if typeof(message) != TYPE_DICTIONARY:
			continue
		match message.get("type"):
			"welcome":
				my_id = message["id"]
				print("joined the arena as %d" % my_id)
			"joined":
				print("player %d joined" % message["id"])
			"left":
				print("player %d left" % message["id"])
			"state":
				if message["players"].has(my_id):
					print("tick %d: I am at %s" % [message["tick"], message["players"][my_id]])
	if peer.get_connection_status() != MultiplayerPeer.CONNECTION_CONNECTED:
		return
	since_input += delta
	if since_input >= 0.05:
		since_input = 0.0
		var stick := Input.get_vector("ui_left", "ui_right", "ui_up", "ui_down")
		peer.set_target_peer(MultiplayerPeer.TARGET_PEER_SERVER)
		peer.transfer_mode = MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED
		peer.put_var({"type": "input", "dx": stick.x, "dy": stick.y})
