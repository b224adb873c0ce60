# A Godot WebRTCMultiplayerPeer client with custom channels, joining a client/server lobby of our
# signalling server through the demo's scripts. It reports its channels, decodes every packet
# (reporting sender, channel, mode and type) and sends each value back with put_var on the same
# channel and mode. Commands come as dictionaries {"cmd": …}.
extends Node

const URL = "__URL__"
const LOBBY = "__LOBBY__"
const MESH = __MESH__
const CHANNELS = [MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED, MultiplayerPeer.TRANSFER_MODE_RELIABLE, MultiplayerPeer.TRANSFER_MODE_UNRELIABLE]

var client
var reported := false


func _ready():
	client = preload("res://test_client.gd").new()
	client.channels = CHANNELS
	client.scene_multiplayer = false
	add_child(client)
	client.start(URL, LOBBY, MESH)


func _process(_delta):
	var mp: WebRTCMultiplayerPeer = client.rtc_mp
	mp.poll()
	if mp.get_connection_status() != MultiplayerPeer.CONNECTION_CONNECTED:
		return
	if not reported and mp.has_peer(1) and mp.get_peer(1)["connected"]:
		reported = true
		for c in mp.get_peer(1)["channels"]:
			pp_emit_text("channel", "%s|%d|%s|%d|%d|%s" % [c.get_label(), c.get_id(), c.is_ordered(), c.get_max_packet_life_time(), c.get_max_retransmits(), c.is_negotiated()])
		pp_emit("id", str(mp.get_unique_id()))
	while mp.get_available_packet_count() > 0:
		var peer = mp.get_packet_peer()
		var channel = mp.get_packet_channel()
		var mode = mp.get_packet_mode()
		var packet = mp.get_packet()
		var value = bytes_to_var(packet)
		if typeof(value) == TYPE_DICTIONARY and value.has("cmd"):
			_command(mp, value)
			continue
		pp_emit("got", "%d|%d|%d|%d|%d" % [peer, channel, mode, typeof(value), packet.size()])
		mp.set_target_peer(peer)
		mp.transfer_channel = channel
		mp.transfer_mode = mode
		mp.put_var(value)


func _command(mp: WebRTCMultiplayerPeer, command: Dictionary):
	match command["cmd"]:
		"say":
			pp_emit_text("heard", command["text"])
		"originate":
			# Values Godot makes itself, on every channel.
			var values = [Vector3(1.5, -2, 3), {"godot": true, "n": 4}, PackedInt32Array([1, 2, 3]), StringName("gd"), Color(0.5, 0.25, 1, 1)]
			mp.set_target_peer(1)
			for channel in range(4):
				mp.transfer_channel = channel
				mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE
				for v in values:
					mp.put_var(v)
			pp_emit("originated", str(values.size() * 4))
		"send_big":
			# A PackedByteArray of this many bytes (put_var adds 8), to peer 1 on channel 0.
			mp.set_target_peer(1)
			mp.transfer_channel = 0
			mp.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE
			var bytes = PackedByteArray()
			bytes.resize(command["size"])
			pp_emit("sent_big", str(mp.put_var(bytes)))
		"done":
			pp_done()
