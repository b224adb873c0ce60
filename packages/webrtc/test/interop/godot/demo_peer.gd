# A peer of the demo's kind: the demo's multiplayer_client.gd (ICE servers aside) joining a
# lobby of our signalling server and handing its WebRTCMultiplayerPeer to SceneMultiplayer. The
# guest greets the host with an RPC, the host answers with one; each reports what it got. The
# guest ends when answered; the test stops the host.
extends Node

const URL = "__URL__"
const LOBBY = "__LOBBY__"
const MESH = __MESH__

var client


func _ready():
	client = preload("res://test_client.gd").new()
	add_child(client)
	client.lobby_joined.connect(func(lobby): pp_emit_text("lobby", lobby))
	multiplayer.peer_connected.connect(_on_peer_connected)
	client.start(URL, LOBBY, MESH)


func _on_peer_connected(id: int):
	pp_emit("peer", str(id))
	if not multiplayer.is_server() and id == 1:
		hello.rpc_id(1, "hi from %d" % multiplayer.get_unique_id())


@rpc("any_peer", "reliable")
func hello(text: String):
	var sender := multiplayer.get_remote_sender_id()
	pp_emit_text("rpc", "%d|%s" % [sender, text])
	if multiplayer.is_server():
		hello.rpc_id(sender, "hi back")
	else:
		pp_done()

