extends Node2D

var hp := 0

func _ready() -> void:
	$Sync.synchronized.connect(func() -> void: print("PP|sync|", name, "|", position.x, ",", position.y))
	$Sync.delta_synchronized.connect(func() -> void: print("PP|delta|", name, "|", hp))
	print("PP|ready|", name, "|", position.x, ",", position.y, "|", hp)
