# A Godot peer of a mesh lobby (through our signalling server and the demo's scripts): once
# connected to EXPECTED peers it greets them all (broadcast) and reports whom it heard from.
extends Node

const URL = "__URL__"
const LOBBY = "__LOBBY__"
const EXPECTED = __EXPECTED__

var client
var connected := 0
var greeted := false
var heard := 0


func _ready():
	client = preload("res://test_client.gd").new()
	client.scene_multiplayer = false
	add_child(client)
	client.rtc_mp.peer_connected.connect(func(id): connected += 1; pp_emit("peer", str(id)))
	client.start(URL, LOBBY, true)


func _process(_delta):
	var mp: WebRTCMultiplayerPeer = client.rtc_mp
	mp.poll()
	if connected == EXPECTED and not greeted:
		greeted = true
		pp_emit("id", str(mp.get_unique_id()))
		mp.set_target_peer(MultiplayerPeer.TARGET_PEER_BROADCAST)
		mp.put_var(["hello from", mp.get_unique_id()])
	while mp.get_available_packet_count() > 0:
		var from = mp.get_packet_peer()
		var value = mp.get_var()
		pp_emit("heard", "%d|%d" % [from, value[1]])
		heard += 1
	if heard == EXPECTED:
		pp_done()
