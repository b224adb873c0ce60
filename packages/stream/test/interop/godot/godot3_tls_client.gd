extends SceneTree
# Godot 3.2.3 StreamPeerSSL (mbedTLS 2.16) client over StreamPeerTCP for godot3-tls.test.ts:
# verifies our server against res://ca.crt for __HOST__, sends a UTF-8 string, prints what it
# gets, leaves after "bye". __PORT__ and __HOST__ are replaced by the test.

var tcp = StreamPeerTCP.new()
var ssl = StreamPeerSSL.new()
var started = false
var sent = false
var finished = false
var elapsed = 0.0

func _init():
	pp_emit("tcp", tcp.connect_to_host("127.0.0.1", __PORT__))

func _idle(delta):
	if finished:
		return false
	elapsed += delta
	if elapsed > 20.0:
		finished = true
		pp_fail("timeout in status %d" % ssl.get_status())
		return false
	if not started:
		if tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED:
			started = true
			var ca = X509Certificate.new()
			ca.load("res://ca.crt")
			# Godot 3.2 handshakes inside this call (blocking_handshake).
			pp_emit("ssl", ssl.connect_to_stream(tcp, true, "__HOST__", ca))
		return false
	ssl.poll()
	var status = ssl.get_status()
	if status == StreamPeerSSL.STATUS_CONNECTED:
		if not sent:
			sent = true
			pp_emit("connected")
			ssl.put_utf8_string("hello from godot")
		if ssl.get_available_bytes() > 0:
			var text = ssl.get_utf8_string()
			pp_emit_text("text", text)
			if text == "bye":
				ssl.disconnect_from_stream()
				finished = true
				pp_done()
	else:
		pp_emit("status", status)
		finished = true
		pp_done()
	return false
