# The Godot 4 side of the auth handshake recipe (docs/recipes.md): StreamPeerTCP framed by
# PacketPeerStream, as Godot's own TCP games do. Sends its token first, then waits for the answer.
extends Node

const TOKEN := "secret-token"

var tcp := StreamPeerTCP.new()
var peer := PacketPeerStream.new()
var sent := false

func _ready() -> void:
	peer.stream_peer = tcp
	tcp.connect_to_host("127.0.0.1", 9081)

func _process(_delta: float) -> void:
	tcp.poll()
	if tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
		return
	if not sent:
		sent = true
		peer.put_var({"token": TOKEN})
	if peer.get_available_packet_count() > 0:
		var answer: Dictionary = peer.get_var()
		print("authenticated" if answer.get("ok", false) else "refused")
		set_process(false)
