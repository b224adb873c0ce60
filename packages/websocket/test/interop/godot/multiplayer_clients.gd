extends Node
# Three Godot 4 WebSocketMultiplayerPeer clients at once, driven by the Node server of
# godot4.test.ts. Each says hello with its id, reports every packet it gets (with
# get_packet_peer), leaves when told "leave", and the run ends when all three are disconnected.

const URL := "ws://127.0.0.1:__PORT__"

var peers: Array[WebSocketMultiplayerPeer] = []
var statuses: Array[int] = []
var was_connected: Array[bool] = []

func _ready() -> void:
	for i in 3:
		var peer := WebSocketMultiplayerPeer.new()
		peer.peer_connected.connect(func(id: int) -> void: pp_emit("peer_connected", "%d|%d" % [i, id]))
		peer.peer_disconnected.connect(func(id: int) -> void: pp_emit("peer_disconnected", "%d|%d" % [i, id]))
		pp_emit("create", "%d|%d" % [i, peer.create_client(URL)])
		peers.append(peer)
		statuses.append(peer.get_connection_status())
		pp_emit("status", "%d|%d|%d" % [i, peer.get_connection_status(), peer.get_unique_id()])
		was_connected.append(false)

func _process(_delta: float) -> void:
	var finished := 0
	for i in peers.size():
		var peer := peers[i]
		peer.poll()
		var status := peer.get_connection_status()
		if status != statuses[i]:
			statuses[i] = status
			pp_emit("status", "%d|%d|%d" % [i, status, peer.get_unique_id()])
			if status == MultiplayerPeer.CONNECTION_CONNECTED:
				was_connected[i] = true
				peer.set_target_peer(MultiplayerPeer.TARGET_PEER_SERVER)
				peer.put_var(["hello", i, peer.get_unique_id()])
		while peer.get_available_packet_count() > 0:
			var from := peer.get_packet_peer()
			var value = peer.get_var()
			pp_emit_var("got", [i, from, value])
			if typeof(value) == TYPE_STRING and value == "leave":
				peer.close()
		if was_connected[i] and status == MultiplayerPeer.CONNECTION_DISCONNECTED:
			finished += 1
	if finished == peers.size():
		pp_done()
