extends Node
## A Godot 4 client of the @pp/example-webrtc-lobby host: it joins `lobby` on the signalling
## server at `url` (the protocol of Godot's networking/webrtc_signaling demo), connects to the
## host (peer 1) with a WebRTCMultiplayerPeer, says its `greetings`, sends a few positions on the
## unreliable custom channel, prints what happens, and leaves when someone says `leave_on`.
## A `res://lobby_config.json` with the same keys ({"url", "lobby", "greetings", "leave_on",
## "ice_servers"}) overrides the exported values.
##
## Messages are Godot Dictionaries sent with put_var: {"type": "say", "text"} on channel 0 and
## {"type": "pos", "x", "y"} on channel 1 from us; "welcome", "joined", "said", "pos" and "left"
## from the host.

enum Message { JOIN, ID, PEER_CONNECT, PEER_DISCONNECT, OFFER, ANSWER, CANDIDATE, SEAL }

@export var url := "ws://127.0.0.1:9080"
@export var lobby := ""
@export var greetings: PackedStringArray = ["hello from Godot"]
@export var leave_on := "bye"
## STUN/TURN servers for the WebRTC connection, e.g. [{"urls": ["stun:stun.example.org:3478"]}].
@export var ice_servers: Array = []

var ws := WebSocketPeer.new()
var rtc := WebRTCMultiplayerPeer.new()
var joined := false
var sent_positions := 0


func _ready() -> void:
	_load_config()
	rtc.peer_connected.connect(_on_host_connected)
	rtc.peer_disconnected.connect(func(_id): print("[lobby] the host is gone"); get_tree().quit())
	print("[lobby] connecting to %s: %s" % [url, error_string(ws.connect_to_url(url))])


func _process(_delta: float) -> void:
	ws.poll()
	if ws.get_ready_state() == WebSocketPeer.STATE_OPEN and not joined:
		joined = true
		_signal(Message.JOIN, 1, lobby)  # id 1: a client/server lobby, not a mesh
	while ws.get_ready_state() == WebSocketPeer.STATE_OPEN and ws.get_available_packet_count() > 0:
		_on_signal(JSON.parse_string(ws.get_packet().get_string_from_utf8()))
	rtc.poll()
	if rtc.get_connection_status() != MultiplayerPeer.CONNECTION_CONNECTED:
		return
	while rtc.get_available_packet_count() > 0:
		_on_message(rtc.get_packet_channel(), rtc.get_var())
	if sent_positions < 3:
		sent_positions += 1
		_send(1, {"type": "pos", "x": sent_positions, "y": -sent_positions})


func _signal(type: int, id: int, data: String = "") -> void:
	ws.send_text(JSON.stringify({"type": type, "id": id, "data": data}))


func _on_signal(message) -> void:
	if typeof(message) != TYPE_DICTIONARY or not message.has("type") or not message.has("id"):
		return
	var id := int(message["id"])
	var data: String = message.get("data", "")
	match int(message["type"]):
		Message.ID:
			print("[lobby] our id is %d" % id)
			rtc.create_client(id, [MultiplayerPeer.TRANSFER_MODE_UNRELIABLE])
		Message.JOIN:
			print("[lobby] joined lobby %s" % data)
		Message.PEER_CONNECT:
			# Only the host (1) shows up in a client/server lobby; we make the offer.
			var connection := WebRTCPeerConnection.new()
			connection.initialize({"iceServers": ice_servers})
			connection.session_description_created.connect(func(type, sdp):
				connection.set_local_description(type, sdp)
				_signal(Message.OFFER if type == "offer" else Message.ANSWER, id, sdp))
			connection.ice_candidate_created.connect(func(mid, index, sdp):
				_signal(Message.CANDIDATE, id, "\n%s\n%d\n%s" % [mid, index, sdp]))
			rtc.add_peer(connection, id)
			connection.create_offer()
		Message.ANSWER:
			if rtc.has_peer(id):
				rtc.get_peer(id)["connection"].set_remote_description("answer", data)
		Message.CANDIDATE:
			var parts := data.split("\n", false)
			if parts.size() == 3 and rtc.has_peer(id):
				rtc.get_peer(id)["connection"].add_ice_candidate(parts[0], parts[1].to_int(), parts[2])


func _on_host_connected(_id: int) -> void:
	print("[lobby] connected to the host")
	for text in greetings:
		_send(0, {"type": "say", "text": text})


func _on_message(channel: int, message) -> void:
	if typeof(message) != TYPE_DICTIONARY:
		return
	match message.get("type"):
		"welcome":
			print("[lobby] welcome, peer %d; others here: %s" % [message["id"], message["peers"]])
		"joined":
			print("[lobby] peer %d joined" % message["id"])
		"left":
			print("[lobby] peer %d left" % message["id"])
		"said":
			print("[lobby] %d: %s" % [message["from"], message["text"]])
			if message["text"] == leave_on:
				print("[lobby] leaving")
				rtc.close()
				ws.close()
				get_tree().quit()
		"pos":
			print("[lobby] peer %d is at %d,%d (channel %d)" % [message["from"], message["x"], message["y"], channel])


func _send(channel: int, message: Dictionary) -> void:
	rtc.set_target_peer(1)
	rtc.transfer_channel = channel
	rtc.transfer_mode = MultiplayerPeer.TRANSFER_MODE_RELIABLE
	rtc.put_var(message)


func _load_config() -> void:
	if not FileAccess.file_exists("res://lobby_config.json"):
		return
	var config = JSON.parse_string(FileAccess.get_file_as_string("res://lobby_config.json"))
	if typeof(config) != TYPE_DICTIONARY:
		return
	url = config.get("url", url)
	lobby = config.get("lobby", lobby)
	greetings = PackedStringArray(config.get("greetings", greetings))
	leave_on = config.get("leave_on", leave_on)
	ice_servers = config.get("ice_servers", ice_servers)
