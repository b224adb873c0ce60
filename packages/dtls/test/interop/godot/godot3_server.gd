extends SceneTree
# Godot 3.2.3 DTLSServer + UDPServer (mbedTLS 2.16) for godot3.test.ts, written like Godot's
# class-reference loop. Its Crypto makes an RSA key and a CN-only self-signed certificate, printed
# as PEM for the Node client to trust. Echoes every packet as "echo:<text>"; reports each session's
# end (close_notify from the client, or an error status). __PORT__ is replaced by the test.

var dtls = DTLSServer.new()
var server = UDPServer.new()
var peers = []
var elapsed = 0.0
var ended = 0

func _init():
	var crypto = Crypto.new()
	var key = crypto.generate_rsa(2048)
	var cert = crypto.generate_self_signed_certificate(key, "CN=localhost,O=x,C=IT")
	cert.save("user://server.crt")
	var f = File.new()
	f.open("user://server.crt", File.READ)
	pp_emit_text("cert", f.get_as_text())
	f.close()
	pp_emit("setup", dtls.setup(key, cert))
	pp_emit("listen", server.listen(__PORT__, "127.0.0.1"))

func _idle(delta):
	elapsed += delta
	if elapsed > 40.0:
		pp_fail("timeout")
		return false
	server.poll()
	while server.is_connection_available():
		var peer = server.take_connection()
		var dp = dtls.take_connection(peer)
		if dp.get_status() == PacketPeerDTLS.STATUS_HANDSHAKING:
			peers.append(dp)
	for p in peers.duplicate():
		p.poll()
		var status = p.get_status()
		if status == PacketPeerDTLS.STATUS_CONNECTED:
			while p.get_available_packet_count() > 0:
				var text = p.get_packet().get_string_from_utf8()
				pp_emit_text("packet", text)
				p.put_packet(("echo:" + text).to_utf8())
		elif status != PacketPeerDTLS.STATUS_HANDSHAKING:
			pp_emit("ended", status)
			peers.erase(p)
	return false
