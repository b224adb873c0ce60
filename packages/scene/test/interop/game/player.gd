extends Node2D
# A player: the server owns its position, hp and nick (ServerSync); the peer it belongs to owns
# its input (InputSync), as in Godot's multiplayer demos.

var hp := 100
var nick := ""

func _enter_tree() -> void:
	$InputSync.set_multiplayer_authority(name.to_int())

func _ready() -> void:
	$ServerSync.synchronized.connect(func() -> void: _emit("sync", "%s|%d,%d" % [name, position.x, position.y]))
	$ServerSync.delta_synchronized.connect(func() -> void: _emit("delta", "%s|%d" % [name, hp]))
	$InputSync.synchronized.connect(func() -> void: _emit("input", "%s|%d,%d" % [name, $InputSync.direction.x, $InputSync.direction.y]))
	_emit("ready", "%s|%d,%d|%d|%s|%d" % [name, position.x, position.y, hp, Marshalls.utf8_to_base64(nick), $InputSync.get_multiplayer_authority()])

@rpc
func hit(damage: int) -> void:
	_emit("hit", "%s|%d|%d" % [name, damage, multiplayer.get_remote_sender_id()])

func _emit(tag: String, payload: String) -> void:
	print("PP|", tag, "|", payload)
