extends SceneTree
# Godot 3.2.3 as an ENet-over-DTLS client of our server, for godot3-dtls.test.ts.
#
# Debian's godot3-server links the system libenet (built without GODOT_ENET), so its
# NetworkedMultiplayerENet ignores use_dtls. This script puts back, in GDScript, what Godot's own
# ENet DTLS client socket does (ENetDTLSClient in thirdparty/enet/enet_godot.cpp): the first
# datagram ENet sends starts a PacketPeerDTLS handshake with the server; datagrams sent before it
# completes are lost (ENet resends them); then each ENet datagram is one put_packet (one DTLS
# record) and each record received is one datagram back to ENet. ENet (libenet, with Godot 3's
# [u32 source][u32 target] framing) and DTLS (Godot's mbedTLS) are both the real thing; only the
# loopback hop between them is this script.
#
# Also, beside it: a bare PacketPeerDTLS that handshakes with the server and never speaks ENet
# (the server's 8 s rule must drop it), one that trusts another CA (must fail), and a
# NetworkedMultiplayerENet with use_dtls straight to the server (plain ENet in this build).
# __PORT__, __RELAY_PORT__ and __MODE__ are replaced by the test.

var enet = NetworkedMultiplayerENet.new()
var relay = PacketPeerUDP.new()
var udp = PacketPeerUDP.new()
var dtls = PacketPeerDTLS.new()
var ca = X509Certificate.new()
var dtls_started = false
var enet_port = 0
var lost_while_handshaking = 0

var bare_udp = PacketPeerUDP.new()
var bare = PacketPeerDTLS.new()
var bare_connected_at = -1
var bare_done = false
var stranger_udp = PacketPeerUDP.new()
var stranger = PacketPeerDTLS.new()
var stranger_done = false
var plain = NetworkedMultiplayerENet.new()

var cases
var sent = false
var got = 0
var start = 0

func _init():
	start = OS.get_ticks_msec()
	cases = bytes2var(pp_read_bytes("res://cases.bin"))
	ca.load("res://ca.crt")
	pp_emit("relay", relay.listen(__RELAY_PORT__, "127.0.0.1"))
	enet.compression_mode = __MODE__
	pp_emit("connect", enet.create_client("127.0.0.1", __RELAY_PORT__))

	bare_udp.connect_to_host("127.0.0.1", __PORT__)
	pp_emit("bare", bare.connect_to_peer(bare_udp, true, "localhost", ca))
	var other = X509Certificate.new()
	other.load("res://other_ca.crt")
	stranger_udp.connect_to_host("127.0.0.1", __PORT__)
	pp_emit("stranger", stranger.connect_to_peer(stranger_udp, true, "localhost", other))
	plain.use_dtls = true
	plain.dtls_verify = true
	plain.set_dtls_certificate(ca)
	pp_emit("plain", plain.create_client("127.0.0.1", __PORT__))

# ENetDTLSClient: sendto / recvfrom.
func _socket():
	while relay.get_available_packet_count() > 0:
		var datagram = relay.get_packet()
		enet_port = relay.get_packet_port()
		if not dtls_started:
			udp.connect_to_host("127.0.0.1", __PORT__)
			pp_emit("dtls_start", dtls.connect_to_peer(udp, true, "localhost", ca))
			dtls_started = true
		dtls.poll()
		if dtls.get_status() == PacketPeerDTLS.STATUS_CONNECTED:
			dtls.put_packet(datagram)
		else:
			lost_while_handshaking += 1
	if dtls_started:
		dtls.poll()
		if dtls.get_status() == PacketPeerDTLS.STATUS_CONNECTED:
			while dtls.get_available_packet_count() > 0:
				relay.set_dest_address("127.0.0.1", enet_port)
				relay.put_packet(dtls.get_packet())

func _idle(_delta):
	if OS.get_ticks_msec() - start > 30000:
		pp_fail("timeout: got %d, dtls %d, bare %d" % [got, dtls.get_status(), bare.get_status()])
		return false
	_socket()
	enet.poll()
	plain.poll()
	if not sent and enet.get_connection_status() == NetworkedMultiplayerPeer.CONNECTION_CONNECTED:
		pp_emit("id", enet.get_unique_id())
		enet.set_target_peer(1)
		enet.transfer_mode = NetworkedMultiplayerPeer.TRANSFER_MODE_RELIABLE
		for c in cases:
			enet.put_packet(c)
		sent = true
	while enet.get_available_packet_count() > 0:
		pp_emit("from", enet.get_packet_peer())
		pp_emit_bytes("echo", enet.get_packet())
		got += 1
	if not bare_done:
		bare.poll()
		var status = bare.get_status()
		if status == PacketPeerDTLS.STATUS_CONNECTED:
			if bare_connected_at < 0:
				bare_connected_at = OS.get_ticks_msec()
				pp_emit("bare_connected")
		elif status != PacketPeerDTLS.STATUS_HANDSHAKING:
			bare_done = true
			pp_emit("bare_ended", "%d %d" % [status, OS.get_ticks_msec() - bare_connected_at])
	if not stranger_done:
		stranger.poll()
		if stranger.get_status() != PacketPeerDTLS.STATUS_HANDSHAKING:
			stranger_done = true
			pp_emit("stranger_status", stranger.get_status())
	if got >= cases.size() and bare_done and stranger_done:
		pp_emit("lost_while_handshaking", lost_while_handshaking)
		pp_emit("plain_status", plain.get_connection_status())
		pp_done()
	return false
