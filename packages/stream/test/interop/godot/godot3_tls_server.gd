extends SceneTree
# Godot 3.2.3 TCP_Server + StreamPeerSSL.accept_stream (mbedTLS 2.16) for godot3-tls.test.ts,
# with a key and CN-only self-signed certificate from its Crypto (printed as PEM for Node to
# trust). Echoes every UTF-8 string as "echo:<text>" and reports how each connection ends.
# __PORT__ is replaced by the test.

var server = TCP_Server.new()
var ssl = null
var key
var cert
var elapsed = 0.0

func _init():
	var crypto = Crypto.new()
	key = crypto.generate_rsa(2048)
	cert = crypto.generate_self_signed_certificate(key, "CN=localhost,O=x,C=IT")
	cert.save("user://server.crt")
	var f = File.new()
	f.open("user://server.crt", File.READ)
	pp_emit_text("cert", f.get_as_text())
	f.close()
	pp_emit("listen", server.listen(__PORT__, "127.0.0.1"))

func _idle(delta):
	elapsed += delta
	if elapsed > 40.0:
		pp_fail("timeout")
		return false
	if ssl == null:
		if server.is_connection_available():
			ssl = StreamPeerSSL.new()
			pp_emit("accept", ssl.accept_stream(server.take_connection(), key, cert))
		return false
	ssl.poll()
	var status = ssl.get_status()
	if status == StreamPeerSSL.STATUS_CONNECTED:
		if ssl.get_available_bytes() > 0:
			var text = ssl.get_utf8_string()
			pp_emit_text("text", text)
			ssl.put_utf8_string("echo:" + text)
	else:
		pp_emit("ended", status)
		ssl = null
	return false
