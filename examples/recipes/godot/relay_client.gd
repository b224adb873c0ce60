# The Godot 4 side of the relay recipe (docs/recipes.md): a stock WebSocketMultiplayerPeer client.
# It says hello once connected, prints what the other clients send, and notices a clean shutdown.
extends Node

var peer := WebSocketMultiplayerPeer.new()
var said_hello := false

func _ready() -> void:
	var error := peer.create_client("ws://127.0.0.1:9080")
	if error != OK:
		push_error("create_client failed: %s" % error_string(error))

func _process(_delta: float) -> void:
	peer.poll()
	match peer.get_connection_status():
		MultiplayerPeer.CONNECTION_CONNECTED:
			if not said_hello:
				said_hello = true
				peer.set_target_peer(MultiplayerPeer.TARGET_PEER_SERVER)
				peer.put_var("hello from Godot")
			while peer.get_available_packet_count() > 0:
				var message: Array = peer.get_var()
				print("peer %d says %s" % [message[0], message[1]])
		MultiplayerPeer.CONNECTION_DISCONNECTED:
			if said_hello:
				print("the server closed the connection")
				set_process(false)
