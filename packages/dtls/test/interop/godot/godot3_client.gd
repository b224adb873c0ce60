extends SceneTree
# Godot 3.2.3 PacketPeerDTLS (mbedTLS 2.16) client for godot3.test.ts: verifies our server's
# chain against res://ca.crt for __HOST__, sends one packet, echoes what it gets, and leaves
# (close_notify) after "bye". __PORT__ and __HOST__ are replaced by the test.

var udp = PacketPeerUDP.new()
var dtls = PacketPeerDTLS.new()
var sent = false
var elapsed = 0.0
var finished = false

func _init():
	var ca = X509Certificate.new()
	if ca.load("res://ca.crt") != OK:
		pp_fail("could not load ca.crt")
		return
	udp.connect_to_host("127.0.0.1", __PORT__)
	pp_emit("connect", dtls.connect_to_peer(udp, true, "__HOST__", ca))

func _idle(delta):
	if finished:
		return false
	elapsed += delta
	if elapsed > 20.0:
		finished = true
		pp_fail("timeout in status %d" % dtls.get_status())
		return false
	dtls.poll()
	var status = dtls.get_status()
	if status == PacketPeerDTLS.STATUS_CONNECTED:
		if not sent:
			sent = true
			pp_emit("connected")
			dtls.put_packet("hello from godot".to_utf8())
		while dtls.get_available_packet_count() > 0:
			var text = dtls.get_packet().get_string_from_utf8()
			pp_emit_text("packet", text)
			if text == "bye":
				dtls.disconnect_from_peer()
				finished = true
				pp_done()
				return false
	elif status != PacketPeerDTLS.STATUS_HANDSHAKING:
		pp_emit("status", status)
		finished = true
		pp_done()
	return false
