extends MultiplayerSynchronizer
# The input the player's own peer sends (path-based SYNC: not part of the server's SPAWN).

var direction := Vector2()
