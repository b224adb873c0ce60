/**
 * GDScript that describes a Variant as a JSON tree the TypeScript side can check our decoded
 * values against (see `match-description.ts`). Numbers that JSON cannot carry exactly are
 * strings: ints in decimal, floats and 64-bit ids as the hex of their little-endian bytes.
 *
 * Node: `[typeName, ...payload]`, e.g. `["Vector2", "000000000000f03f", "0000000000000040"]`.
 */

/** For Godot 4.x scripts (class-level functions). */
export const GODOT4_DESCRIBE = `
func pp_f64(x: float) -> String:
	var b := PackedByteArray()
	b.resize(8)
	b.encode_double(0, x)
	return b.hex_encode()

func pp_u64(x: int) -> String:
	var b := PackedByteArray()
	b.resize(8)
	b.encode_s64(0, x)
	return b.hex_encode()

func pp_reals(values: Array) -> Array:
	var out := []
	for x in values:
		out.append(pp_f64(x))
	return out

func pp_container_type(builtin: int, class_name_: StringName, script: Variant) -> Variant:
	if script != null:
		return ["script", script.resource_path]
	if class_name_ != &"":
		return ["class", String(class_name_)]
	if builtin != TYPE_NIL:
		return ["builtin", str(builtin)]
	return null

func pp_describe(v: Variant) -> Array:
	match typeof(v):
		TYPE_NIL: return ["Nil"]
		TYPE_BOOL: return ["bool", v]
		TYPE_INT: return ["int", str(v)]
		TYPE_FLOAT: return ["float", pp_f64(v)]
		TYPE_STRING: return ["String", v]
		TYPE_VECTOR2: return ["Vector2"] + pp_reals([v.x, v.y])
		TYPE_VECTOR2I: return ["Vector2i", str(v.x), str(v.y)]
		TYPE_RECT2: return ["Rect2"] + pp_reals([v.position.x, v.position.y, v.size.x, v.size.y])
		TYPE_RECT2I: return ["Rect2i", str(v.position.x), str(v.position.y), str(v.size.x), str(v.size.y)]
		TYPE_VECTOR3: return ["Vector3"] + pp_reals([v.x, v.y, v.z])
		TYPE_VECTOR3I: return ["Vector3i", str(v.x), str(v.y), str(v.z)]
		TYPE_TRANSFORM2D: return ["Transform2D"] + pp_reals([v.x.x, v.x.y, v.y.x, v.y.y, v.origin.x, v.origin.y])
		TYPE_VECTOR4: return ["Vector4"] + pp_reals([v.x, v.y, v.z, v.w])
		TYPE_VECTOR4I: return ["Vector4i", str(v.x), str(v.y), str(v.z), str(v.w)]
		TYPE_PLANE: return ["Plane"] + pp_reals([v.normal.x, v.normal.y, v.normal.z, v.d])
		TYPE_QUATERNION: return ["Quaternion"] + pp_reals([v.x, v.y, v.z, v.w])
		TYPE_AABB: return ["AABB"] + pp_reals([v.position.x, v.position.y, v.position.z, v.size.x, v.size.y, v.size.z])
		TYPE_BASIS: return ["Basis"] + pp_reals([v.x.x, v.x.y, v.x.z, v.y.x, v.y.y, v.y.z, v.z.x, v.z.y, v.z.z])
		TYPE_TRANSFORM3D:
			var b: Basis = v.basis
			return ["Transform3D"] + pp_reals([b.x.x, b.x.y, b.x.z, b.y.x, b.y.y, b.y.z, b.z.x, b.z.y, b.z.z, v.origin.x, v.origin.y, v.origin.z])
		TYPE_PROJECTION:
			var c := []
			for col in [v.x, v.y, v.z, v.w]:
				c.append_array([col.x, col.y, col.z, col.w])
			return ["Projection"] + pp_reals(c)
		TYPE_COLOR: return ["Color"] + pp_reals([v.r, v.g, v.b, v.a])
		TYPE_STRING_NAME: return ["StringName", String(v)]
		TYPE_NODE_PATH:
			var names := []
			for i in v.get_name_count():
				names.append(String(v.get_name(i)))
			var subnames := []
			for i in v.get_subname_count():
				subnames.append(String(v.get_subname(i)))
			return ["NodePath", v.is_absolute(), names, subnames]
		TYPE_RID: return ["RID", pp_u64(v.get_id())]
		TYPE_OBJECT:
			if v == null:
				return ["Object", null]
			if v is EncodedObjectAsID:
				return ["Object", pp_u64(v.object_id)]
			return ["Object", pp_u64(v.get_instance_id())]
		TYPE_CALLABLE: return ["Callable"]
		TYPE_SIGNAL: return ["Signal", String(v.get_name()), pp_u64(v.get_object_id())]
		TYPE_DICTIONARY:
			var entries := []
			for k in v:
				entries.append([pp_describe(k), pp_describe(v[k])])
			return ["Dictionary", pp_container_type(v.get_typed_key_builtin(), v.get_typed_key_class_name(), v.get_typed_key_script()), pp_container_type(v.get_typed_value_builtin(), v.get_typed_value_class_name(), v.get_typed_value_script()), entries]
		TYPE_ARRAY:
			var items := []
			for x in v:
				items.append(pp_describe(x))
			return ["Array", pp_container_type(v.get_typed_builtin(), v.get_typed_class_name(), v.get_typed_script()), items]
		TYPE_PACKED_BYTE_ARRAY: return ["PackedByteArray", v.hex_encode()]
		TYPE_PACKED_INT32_ARRAY, TYPE_PACKED_INT64_ARRAY:
			var ints := []
			for x in v:
				ints.append(str(x))
			return [type_string(typeof(v)), ints]
		TYPE_PACKED_FLOAT32_ARRAY, TYPE_PACKED_FLOAT64_ARRAY:
			return [type_string(typeof(v)), pp_reals(Array(v))]
		TYPE_PACKED_STRING_ARRAY: return ["PackedStringArray", Array(v)]
		TYPE_PACKED_VECTOR2_ARRAY:
			var out := []
			for x in v:
				out.append(pp_reals([x.x, x.y]))
			return ["PackedVector2Array", out]
		TYPE_PACKED_VECTOR3_ARRAY:
			var out := []
			for x in v:
				out.append(pp_reals([x.x, x.y, x.z]))
			return ["PackedVector3Array", out]
		TYPE_PACKED_COLOR_ARRAY:
			var out := []
			for x in v:
				out.append(pp_reals([x.r, x.g, x.b, x.a]))
			return ["PackedColorArray", out]
		TYPE_PACKED_VECTOR4_ARRAY:
			var out := []
			for x in v:
				out.append(pp_reals([x.x, x.y, x.z, x.w]))
			return ["PackedVector4Array", out]
	return ["?", type_string(typeof(v))]
`;

/** The same for Godot 3.2 scripts: Godot 3 types only, Godot 3 names (`Quat`, `Transform`, Pool arrays). */
export const GODOT3_DESCRIBE = `
func pp_f64(x):
	var spb = StreamPeerBuffer.new()
	spb.put_double(x)
	return spb.data_array.hex_encode()

func pp_u64(x):
	var spb = StreamPeerBuffer.new()
	spb.put_64(x)
	return spb.data_array.hex_encode()

func pp_reals(values):
	var out = []
	for x in values:
		out.append(pp_f64(x))
	return out

func pp_describe(v):
	match typeof(v):
		TYPE_NIL: return ["Nil"]
		TYPE_BOOL: return ["bool", v]
		TYPE_INT: return ["int", str(v)]
		TYPE_REAL: return ["float", pp_f64(v)]
		TYPE_STRING: return ["String", v]
		TYPE_VECTOR2: return ["Vector2"] + pp_reals([v.x, v.y])
		TYPE_RECT2: return ["Rect2"] + pp_reals([v.position.x, v.position.y, v.size.x, v.size.y])
		TYPE_VECTOR3: return ["Vector3"] + pp_reals([v.x, v.y, v.z])
		TYPE_TRANSFORM2D: return ["Transform2D"] + pp_reals([v.x.x, v.x.y, v.y.x, v.y.y, v.origin.x, v.origin.y])
		TYPE_PLANE: return ["Plane"] + pp_reals([v.normal.x, v.normal.y, v.normal.z, v.d])
		TYPE_QUAT: return ["Quaternion"] + pp_reals([v.x, v.y, v.z, v.w])
		TYPE_AABB: return ["AABB"] + pp_reals([v.position.x, v.position.y, v.position.z, v.size.x, v.size.y, v.size.z])
		TYPE_BASIS: return ["Basis"] + pp_reals([v.x.x, v.x.y, v.x.z, v.y.x, v.y.y, v.y.z, v.z.x, v.z.y, v.z.z])
		TYPE_TRANSFORM:
			var b = v.basis
			return ["Transform3D"] + pp_reals([b.x.x, b.x.y, b.x.z, b.y.x, b.y.y, b.y.z, b.z.x, b.z.y, b.z.z, v.origin.x, v.origin.y, v.origin.z])
		TYPE_COLOR: return ["Color"] + pp_reals([v.r, v.g, v.b, v.a])
		TYPE_NODE_PATH:
			var names = []
			for i in v.get_name_count():
				names.append(String(v.get_name(i)))
			var subnames = []
			for i in v.get_subname_count():
				subnames.append(String(v.get_subname(i)))
			return ["NodePath", v.is_absolute(), names, subnames]
		TYPE_RID: return ["RID", pp_u64(v.get_id())]
		TYPE_OBJECT:
			if v == null:
				return ["Object", null]
			if v is EncodedObjectAsID:
				return ["Object", pp_u64(v.object_id)]
			return ["Object", pp_u64(v.get_instance_id())]
		TYPE_DICTIONARY:
			var entries = []
			for k in v:
				entries.append([pp_describe(k), pp_describe(v[k])])
			return ["Dictionary", null, null, entries]
		TYPE_ARRAY:
			var items = []
			for x in v:
				items.append(pp_describe(x))
			return ["Array", null, items]
		TYPE_RAW_ARRAY: return ["PackedByteArray", v.hex_encode()]
		TYPE_INT_ARRAY:
			var ints = []
			for x in v:
				ints.append(str(x))
			return ["PackedInt32Array", ints]
		TYPE_REAL_ARRAY: return ["PackedFloat32Array", pp_reals(Array(v))]
		TYPE_STRING_ARRAY: return ["PackedStringArray", Array(v)]
		TYPE_VECTOR2_ARRAY:
			var out = []
			for x in v:
				out.append(pp_reals([x.x, x.y]))
			return ["PackedVector2Array", out]
		TYPE_VECTOR3_ARRAY:
			var out = []
			for x in v:
				out.append(pp_reals([x.x, x.y, x.z]))
			return ["PackedVector3Array", out]
		TYPE_COLOR_ARRAY:
			var out = []
			for x in v:
				out.append(pp_reals([x.r, x.g, x.b, x.a]))
			return ["PackedColorArray", out]
	return ["?", str(typeof(v))]
`;
