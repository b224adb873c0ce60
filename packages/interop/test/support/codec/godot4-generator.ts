/**
 * A GDScript (Godot 4) generator of Variants of all 39 types, seeded so every run sees the same
 * values. `pp_generate(type, depth)` makes one value of a type; the test script loops over the
 * types and prints `var_to_bytes` of each value, and the description of what Godot's own
 * `bytes_to_var` reads back from those bytes.
 */
export const GODOT4_GENERATOR = `
var rng := RandomNumberGenerator.new()
var keep := []
var rids := []

const INT_EDGES := [0, 1, -1, 2147483647, -2147483648, 2147483648, -2147483649, 9007199254740991, 9007199254740992, 9007199254740993, -9007199254740993, 9223372036854775807, -9223372036854775807 - 1]

func g_int() -> int:
	match rng.randi_range(0, 4):
		0: return INT_EDGES[rng.randi_range(0, INT_EDGES.size() - 1)]
		1: return (rng.randi() << 32) | rng.randi()
		2: return rng.randi_range(-100, 100)
		3: return -int(rng.randi())
	return rng.randi_range(-2147483648, 2147483647)

func g_float() -> float:
	match rng.randi_range(0, 4):
		0:
			var edges := [0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 1e39, -1e-320, INF, -INF, NAN, 3.4028234663852886e38, 2.5, 1152921504606846976.0]
			return edges[rng.randi_range(0, edges.size() - 1)]
		1: return rng.randf_range(-1000.0, 1000.0)
		2: return float(rng.randi_range(-1000, 1000))
		3: return rng.randfn(0.0, 1e10)
	var b := PackedByteArray()
	b.resize(8)
	b.encode_u32(0, rng.randi())
	b.encode_u32(4, rng.randi())
	var x := b.decode_double(0)
	return 0.5 if is_nan(x) else x

func g_real() -> float:
	if rng.randf() < 0.05:
		return [0.0, -0.0, INF, -INF, 1.0][rng.randi_range(0, 4)]
	return rng.randf_range(-1e4, 1e4) if rng.randf() < 0.5 else rng.randf_range(-10.0, 10.0)

func g_i32() -> int:
	return rng.randi_range(-2147483648, 2147483647)

func g_string(max_length := 12) -> String:
	var ranges := [[0x20, 0x7e], [0xa0, 0x24f], [0x391, 0x3c9], [0x4e00, 0x4fff], [0x1f600, 0x1f64f], [0xe000, 0xe0ff]]
	var length := 0 if rng.randf() < 0.1 else rng.randi_range(1, max_length)
	var s := ""
	for i in length:
		var r: Array = ranges[0] if rng.randf() < 0.6 else ranges[rng.randi_range(0, ranges.size() - 1)]
		s += String.chr(rng.randi_range(r[0], r[1]))
	return s

func g_name() -> String:
	var pool := ["root", "Main", "Player", "é", "x", "Node2D", "position", "a_b", "日本", "Sprite2D"]
	return pool[rng.randi_range(0, pool.size() - 1)]

func g_node_path() -> NodePath:
	var text := ""
	match rng.randi_range(0, 5):
		0: text = ""
		1: text = "/root/" + g_name()
		2: text = g_name() + "/" + g_name() + ":" + g_name()
		3: text = ":" + g_name() + ":" + g_name()
		4: text = "../" + g_name()
		5: text = "/" + g_name() + "/" + g_name() + "/" + g_name() + ":" + g_name()
	return NodePath(text)

func g_node() -> Node:
	var n := Node.new()
	keep.append(n)
	return n

func g_vector2() -> Vector2:
	return Vector2(g_real(), g_real())

func g_vector3() -> Vector3:
	return Vector3(g_real(), g_real(), g_real())

func g_vector4() -> Vector4:
	return Vector4(g_real(), g_real(), g_real(), g_real())

func g_color() -> Color:
	return Color(g_real(), g_real(), g_real(), g_real())

const TYPED_ELEMENTS := [TYPE_INT, TYPE_FLOAT, TYPE_STRING, TYPE_STRING_NAME, TYPE_VECTOR2, TYPE_COLOR, TYPE_BOOL, TYPE_PACKED_BYTE_ARRAY, TYPE_NODE_PATH, TYPE_VECTOR3I, TYPE_DICTIONARY, TYPE_ARRAY]

func g_any(depth: int) -> Variant:
	var t := rng.randi_range(0, TYPE_MAX - 1)
	if depth <= 0 and (t == TYPE_ARRAY or t == TYPE_DICTIONARY):
		t = TYPE_INT
	return pp_generate(t, depth - 1)

func g_array(depth: int) -> Array:
	var n := rng.randi_range(0, 5)
	match rng.randi_range(0, 3):
		0, 1:
			var a := []
			for i in n:
				a.append(g_any(depth))
			return a
		2:
			var t: int = TYPED_ELEMENTS[rng.randi_range(0, TYPED_ELEMENTS.size() - 1)]
			var typed := Array([], t, &"", null)
			for i in n:
				typed.append(pp_generate(t, 0))
			return typed
	var nodes := Array([], TYPE_OBJECT, &"Node", null)
	for i in n:
		nodes.append(g_node())
	return nodes

func g_dictionary(depth: int) -> Dictionary:
	var n := rng.randi_range(0, 5)
	if rng.randf() < 0.6:
		var d := {}
		for i in n:
			d[g_any(mini(depth, 1))] = g_any(depth)
		return d
	var kt: int = TYPED_ELEMENTS[rng.randi_range(0, 9)] if rng.randf() < 0.8 else TYPE_NIL
	var vt: int = TYPED_ELEMENTS[rng.randi_range(0, TYPED_ELEMENTS.size() - 1)] if rng.randf() < 0.8 else TYPE_NIL
	var typed := Dictionary({}, kt, &"", null, vt, &"", null)
	for i in n:
		var k: Variant = g_any(0) if kt == TYPE_NIL else pp_generate(kt, 0)
		typed[k] = g_any(depth) if vt == TYPE_NIL else pp_generate(vt, 0)
	return typed

func pp_generate(t: int, depth: int) -> Variant:
	match t:
		TYPE_NIL: return null
		TYPE_BOOL: return rng.randf() < 0.5
		TYPE_INT: return g_int()
		TYPE_FLOAT: return g_float()
		TYPE_STRING: return g_string(200 if rng.randf() < 0.05 else 12)
		TYPE_VECTOR2: return g_vector2()
		TYPE_VECTOR2I: return Vector2i(g_i32(), g_i32())
		TYPE_RECT2: return Rect2(g_vector2(), g_vector2())
		TYPE_RECT2I: return Rect2i(g_i32(), g_i32(), g_i32(), g_i32())
		TYPE_VECTOR3: return g_vector3()
		TYPE_VECTOR3I: return Vector3i(g_i32(), g_i32(), g_i32())
		TYPE_TRANSFORM2D: return Transform2D(g_vector2(), g_vector2(), g_vector2())
		TYPE_VECTOR4: return g_vector4()
		TYPE_VECTOR4I: return Vector4i(g_i32(), g_i32(), g_i32(), g_i32())
		TYPE_PLANE: return Plane(g_vector3(), g_real())
		TYPE_QUATERNION: return Quaternion(g_real(), g_real(), g_real(), g_real())
		TYPE_AABB: return AABB(g_vector3(), g_vector3())
		TYPE_BASIS: return Basis(g_vector3(), g_vector3(), g_vector3())
		TYPE_TRANSFORM3D: return Transform3D(Basis(g_vector3(), g_vector3(), g_vector3()), g_vector3())
		TYPE_PROJECTION: return Projection(g_vector4(), g_vector4(), g_vector4(), g_vector4())
		TYPE_COLOR: return g_color()
		TYPE_STRING_NAME: return StringName(g_string())
		TYPE_NODE_PATH: return g_node_path()
		TYPE_RID:
			if rng.randf() < 0.3:
				return RID()
			var rid := RenderingServer.canvas_item_create()
			rids.append(rid)
			return rid
		TYPE_OBJECT:
			if rng.randf() < 0.5:
				return g_node()
			var rc := RefCounted.new()
			keep.append(rc)
			return rc
		TYPE_CALLABLE: return Callable(g_node(), "queue_free") if rng.randf() < 0.7 else Callable()
		TYPE_SIGNAL: return Signal(g_node(), "ready") if rng.randf() < 0.7 else Signal()
		TYPE_DICTIONARY: return g_dictionary(depth)
		TYPE_ARRAY: return g_array(depth)
		TYPE_PACKED_BYTE_ARRAY:
			var b := PackedByteArray()
			for i in rng.randi_range(0, 23):
				b.append(rng.randi_range(0, 255))
			return b
		TYPE_PACKED_INT32_ARRAY:
			var a := PackedInt32Array()
			for i in rng.randi_range(0, 6):
				a.append(g_i32())
			return a
		TYPE_PACKED_INT64_ARRAY:
			var a := PackedInt64Array()
			for i in rng.randi_range(0, 6):
				a.append(g_int())
			return a
		TYPE_PACKED_FLOAT32_ARRAY:
			var a := PackedFloat32Array()
			for i in rng.randi_range(0, 6):
				a.append(g_real())
			return a
		TYPE_PACKED_FLOAT64_ARRAY:
			var a := PackedFloat64Array()
			for i in rng.randi_range(0, 6):
				a.append(g_float())
			return a
		TYPE_PACKED_STRING_ARRAY:
			var a := PackedStringArray()
			for i in rng.randi_range(0, 6):
				a.append(g_string())
			return a
		TYPE_PACKED_VECTOR2_ARRAY:
			var a := PackedVector2Array()
			for i in rng.randi_range(0, 6):
				a.append(g_vector2())
			return a
		TYPE_PACKED_VECTOR3_ARRAY:
			var a := PackedVector3Array()
			for i in rng.randi_range(0, 6):
				a.append(g_vector3())
			return a
		TYPE_PACKED_COLOR_ARRAY:
			var a := PackedColorArray()
			for i in rng.randi_range(0, 6):
				a.append(g_color())
			return a
		TYPE_PACKED_VECTOR4_ARRAY:
			var a := PackedVector4Array()
			for i in rng.randi_range(0, 6):
				a.append(g_vector4())
			return a
	return null

func pp_release() -> void:
	for n in keep:
		if n is Node:
			n.free()
	keep.clear()
	for rid in rids:
		RenderingServer.free_rid(rid)
	rids.clear()
`;
