extends SceneTree
# Godot 3.2.3 as an ENet-over-DTLS server for our client, for godot3-dtls.test.ts.
#
# Debian's godot3-server links the system libenet (built without GODOT_ENET), so its
# NetworkedMultiplayerENet ignores use_dtls. This script puts back, in GDScript, what Godot's own
# ENet DTLS server socket does (ENetDTLSServer in thirdparty/enet/enet_godot.cpp): a UDPServer and
# a DTLSServer (cookies: the first take_connection of a client ends in STATUS_ERROR, its retry is
# a new one), one PacketPeerDTLS per client address, each record received handed to ENet as one
# datagram (from a loopback port of that client's own, so ENet tells the clients apart) and each
# ENet datagram back as one put_packet. ENet (libenet, Godot 3's framing, echoing every packet)
# and DTLS (Godot's mbedTLS, its certificate and key from res://) are the real thing.
# __PORT__ (DTLS) and __ENET_PORT__ (the ENet host, loopback only) are replaced by the test.

var enet = NetworkedMultiplayerENet.new()
var server = UDPServer.new()
var dtls = DTLSServer.new()
var sessions = []
var expected
var got = 0
var linger = 0

func _init():
	expected = bytes2var(pp_read_bytes("res://cases.bin")).size()
	var key = CryptoKey.new()
	var cert = X509Certificate.new()
	pp_emit("key", key.load("res://server.key"))
	pp_emit("cert", cert.load("res://server.crt"))
	pp_emit("setup", dtls.setup(key, cert))
	enet.set_bind_ip("127.0.0.1")
	enet.connect("peer_connected", self, "_on_peer")
	pp_emit("enet", enet.create_server(__ENET_PORT__, 8))
	pp_emit("listen", server.listen(__PORT__, "127.0.0.1"))

func _on_peer(id):
	pp_emit("peer", id)

# ENetDTLSServer: recvfrom / sendto.
func _socket():
	server.poll()
	while server.is_connection_available():
		var peer = dtls.take_connection(server.take_connection())
		if peer.get_status() == PacketPeerDTLS.STATUS_HANDSHAKING:
			var link = PacketPeerUDP.new()
			link.connect_to_host("127.0.0.1", __ENET_PORT__)
			sessions.append([peer, link])
	for session in sessions.duplicate():
		var peer = session[0]
		var link = session[1]
		peer.poll()
		var status = peer.get_status()
		if status == PacketPeerDTLS.STATUS_CONNECTED:
			while peer.get_available_packet_count() > 0:
				link.put_packet(peer.get_packet())
			while link.get_available_packet_count() > 0:
				peer.put_packet(link.get_packet())
		elif status != PacketPeerDTLS.STATUS_HANDSHAKING:
			pp_emit("session_ended", status)
			link.close()
			sessions.erase(session)

func _idle(_delta):
	_socket()
	enet.poll()
	while enet.get_available_packet_count() > 0:
		var from = enet.get_packet_peer()
		var data = enet.get_packet()
		pp_emit("from", from)
		pp_emit_bytes("got", data)
		enet.set_target_peer(from)
		enet.transfer_mode = NetworkedMultiplayerPeer.TRANSFER_MODE_RELIABLE
		enet.put_packet(data)
		got += 1
	_socket()
	if got >= expected:
		linger += 1
		if linger > 120:
			pp_done()
	return false
