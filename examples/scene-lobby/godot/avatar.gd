extends Node2D
# One player's avatar. The server owns everything here: the name and color arrive with the spawn,
# the position with every SYNC, the score with a DELTA when it changes (the first DELTA comes
# right after the spawn).

var player_name := ""
var color := Color.WHITE
var score := 0

func _ready() -> void:
	modulate = color
	$Sync.delta_synchronized.connect(_on_score)
	print("[lobby] %s appears at (%d, %d)" % [player_name, position.x, position.y])

func _on_score() -> void:
	print("[lobby] %s is at (%d, %d), score %d" % [player_name, position.x, position.y, score])
	if _is_mine():
		get_node("/root/Lobby").on_my_score(score)

func _is_mine() -> bool:
	return name == str(multiplayer.get_unique_id())
