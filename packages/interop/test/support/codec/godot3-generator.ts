/**
 * The Godot 3.2 counterpart of `godot4-generator.ts`: values of all 27 Godot 3 types, seeded.
 * `pp_generate(type, depth)` takes a Godot 3 type id.
 */
export const GODOT3_GENERATOR = `
var rng = RandomNumberGenerator.new()
var nodes = []
var refs = []

const INT_EDGES = [0, 1, -1, 2147483647, -2147483648, 2147483648, -2147483649, 9007199254740993, 9223372036854775807, -9223372036854775807 - 1]

func g_int():
	match rng.randi_range(0, 3):
		0: return INT_EDGES[rng.randi_range(0, INT_EDGES.size() - 1)]
		1: return (rng.randi() << 32) | rng.randi()
		2: return rng.randi_range(-100, 100)
	return g_i32()

# randi_range over the whole int32 range divides by zero (SIGFPE) in Godot 3.2.3.
func g_i32():
	return int(rng.randi()) - 2147483648

func g_float():
	match rng.randi_range(0, 3):
		0:
			var edges = [0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 1e39, INF, -INF, NAN, 2.5]
			return edges[rng.randi_range(0, edges.size() - 1)]
		1: return rng.randf_range(-1000.0, 1000.0)
		2: return float(rng.randi_range(-1000, 1000))
	return rng.randfn(0.0, 1e10)

func g_real():
	if rng.randf() < 0.05:
		return [0.0, INF, -INF, 1.0][rng.randi_range(0, 3)]
	return rng.randf_range(-1e4, 1e4) if rng.randf() < 0.5 else rng.randf_range(-10.0, 10.0)

func g_string(max_length = 12):
	var ranges = [[0x20, 0x7e], [0xa0, 0x24f], [0x391, 0x3c9], [0x4e00, 0x4fff], [0xe000, 0xe0ff]]
	var length = 0 if rng.randf() < 0.1 else rng.randi_range(1, max_length)
	var s = ""
	for i in length:
		var r = ranges[0] if rng.randf() < 0.6 else ranges[rng.randi_range(0, ranges.size() - 1)]
		s += char(rng.randi_range(r[0], r[1]))
	return s

func g_name():
	var pool = ["root", "Main", "Player", "x", "Node2D", "position", "a_b", "Sprite"]
	return pool[rng.randi_range(0, pool.size() - 1)]

func g_node_path():
	match rng.randi_range(0, 4):
		0: return NodePath("")
		1: return NodePath("/root/" + g_name())
		2: return NodePath(g_name() + "/" + g_name() + ":" + g_name())
		3: return NodePath(":" + g_name() + ":" + g_name())
	return NodePath("../" + g_name())

func g_vector2():
	return Vector2(g_real(), g_real())

func g_vector3():
	return Vector3(g_real(), g_real(), g_real())

func g_color():
	return Color(g_real(), g_real(), g_real(), g_real())

func g_any(depth):
	var t = rng.randi_range(0, TYPE_MAX - 1)
	if depth <= 0 and (t == TYPE_ARRAY or t == TYPE_DICTIONARY):
		t = TYPE_INT
	return pp_generate(t, depth - 1)

func pp_generate(t, depth):
	match t:
		TYPE_NIL: return null
		TYPE_BOOL: return rng.randf() < 0.5
		TYPE_INT: return g_int()
		TYPE_REAL: return g_float()
		TYPE_STRING: return g_string(200 if rng.randf() < 0.05 else 12)
		TYPE_VECTOR2: return g_vector2()
		TYPE_RECT2: return Rect2(g_vector2(), g_vector2())
		TYPE_VECTOR3: return g_vector3()
		TYPE_TRANSFORM2D: return Transform2D(g_vector2(), g_vector2(), g_vector2())
		TYPE_PLANE: return Plane(g_vector3(), g_real())
		TYPE_QUAT: return Quat(g_real(), g_real(), g_real(), g_real())
		TYPE_AABB: return AABB(g_vector3(), g_vector3())
		TYPE_BASIS: return Basis(g_vector3(), g_vector3(), g_vector3())
		TYPE_TRANSFORM: return Transform(Basis(g_vector3(), g_vector3(), g_vector3()), g_vector3())
		TYPE_COLOR: return g_color()
		TYPE_NODE_PATH: return g_node_path()
		TYPE_RID: return RID()
		TYPE_OBJECT:
			if rng.randf() < 0.5:
				var n = Node.new()
				nodes.append(n)
				return n
			var r = Reference.new()
			refs.append(r)
			return r
		TYPE_DICTIONARY:
			var d = {}
			for i in rng.randi_range(0, 5):
				d[g_any(min(depth, 1))] = g_any(depth)
			return d
		TYPE_ARRAY:
			var a = []
			for i in rng.randi_range(0, 5):
				a.append(g_any(depth))
			return a
		TYPE_RAW_ARRAY:
			var b = PoolByteArray()
			for i in rng.randi_range(0, 23):
				b.append(rng.randi_range(0, 255))
			return b
		TYPE_INT_ARRAY:
			var a = PoolIntArray()
			for i in rng.randi_range(0, 6):
				a.append(g_i32())
			return a
		TYPE_REAL_ARRAY:
			var a = PoolRealArray()
			for i in rng.randi_range(0, 6):
				a.append(g_real())
			return a
		TYPE_STRING_ARRAY:
			var a = PoolStringArray()
			for i in rng.randi_range(0, 6):
				a.append(g_string())
			return a
		TYPE_VECTOR2_ARRAY:
			var a = PoolVector2Array()
			for i in rng.randi_range(0, 6):
				a.append(g_vector2())
			return a
		TYPE_VECTOR3_ARRAY:
			var a = PoolVector3Array()
			for i in rng.randi_range(0, 6):
				a.append(g_vector3())
			return a
		TYPE_COLOR_ARRAY:
			var a = PoolColorArray()
			for i in rng.randi_range(0, 6):
				a.append(g_color())
			return a
	return null

func pp_release():
	for n in nodes:
		n.free()
	nodes.clear()
	refs.clear()
`;

/** Reads `res://cases.bin` (see `packCases`) into an Array of PoolByteArrays (Godot 3). */
export const GODOT3_READ_CASES = `
func pp_read_cases():
	var spb = StreamPeerBuffer.new()
	spb.data_array = pp_read_bytes("res://cases.bin")
	var out = []
	for i in spb.get_u32():
		var n = spb.get_u32()
		out.append(spb.get_data(n)[1] if n > 0 else PoolByteArray())
	return out
`;
