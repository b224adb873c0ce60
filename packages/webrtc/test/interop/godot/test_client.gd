# The demo's multiplayer_client.gd (beside this file, from Godot's demo projects) for tests:
# - tests may only talk over 127.0.0.1, so the connections get no ICE server (the demo asks the
#   public stun.l.google.com);
# - `channels` is the WebRTCMultiplayerPeer's channels_config (the demo uses none);
# - with `scene_multiplayer` false the peer is not given to SceneMultiplayer: the test script
#   polls it and reads its packets itself.
extends "res://multiplayer_client.gd"

var channels: Array = []
var scene_multiplayer := true


func _create_peer(id: int) -> WebRTCPeerConnection:
	var peer: WebRTCPeerConnection = WebRTCPeerConnection.new()
	peer.initialize({"iceServers": []})
	peer.session_description_created.connect(_offer_created.bind(id))
	peer.ice_candidate_created.connect(_new_ice_candidate.bind(id))
	rtc_mp.add_peer(peer, id)
	if id < rtc_mp.get_unique_id():
		peer.create_offer()
	return peer


func _connected(id: int, use_mesh: bool) -> void:
	print("Connected %d, mesh: %s" % [id, use_mesh])
	if use_mesh:
		rtc_mp.create_mesh(id, channels)
	elif id == 1:
		rtc_mp.create_server(channels)
	else:
		rtc_mp.create_client(id, channels)
	if scene_multiplayer:
		multiplayer.multiplayer_peer = rtc_mp
