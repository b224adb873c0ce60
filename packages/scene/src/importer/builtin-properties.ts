/**
 * Types of the engine properties games usually replicate, per class, with the parents that
 * inherit them (a small slice of Godot's ClassDB: what a text importer can know without the
 * engine). Anything else is typed by the node's script, or reported as unknown.
 */
const PARENTS: Record<string, string> = {
  CanvasItem: 'Node', Node2D: 'CanvasItem', Control: 'CanvasItem', Node3D: 'Node',
  Sprite2D: 'Node2D', AnimatedSprite2D: 'Node2D', Camera2D: 'Node2D', Marker2D: 'Node2D', Path2D: 'Node2D', PathFollow2D: 'Node2D',
  CollisionObject2D: 'Node2D', Area2D: 'CollisionObject2D', PhysicsBody2D: 'CollisionObject2D', StaticBody2D: 'PhysicsBody2D',
  CharacterBody2D: 'PhysicsBody2D', RigidBody2D: 'PhysicsBody2D', AnimatableBody2D: 'StaticBody2D',
  CollisionObject3D: 'Node3D', Area3D: 'CollisionObject3D', PhysicsBody3D: 'CollisionObject3D', StaticBody3D: 'PhysicsBody3D',
  CharacterBody3D: 'PhysicsBody3D', RigidBody3D: 'PhysicsBody3D', VisualInstance3D: 'Node3D', GeometryInstance3D: 'VisualInstance3D',
  MeshInstance3D: 'GeometryInstance3D', Camera3D: 'Node3D', Marker3D: 'Node3D',
  Label: 'Control', Button: 'BaseButton', BaseButton: 'Control', Panel: 'Control', ColorRect: 'Control', TextureRect: 'Control',
  Container: 'Control', BoxContainer: 'Container', VBoxContainer: 'BoxContainer', HBoxContainer: 'BoxContainer', LineEdit: 'Control',
  ProgressBar: 'Range', Range: 'Control',
  MultiplayerSpawner: 'Node', MultiplayerSynchronizer: 'Node', Timer: 'Node',
};

const PROPERTIES: Record<string, Record<string, string>> = {
  Node: { name: 'StringName', process_mode: 'int' },
  CanvasItem: { visible: 'bool', modulate: 'Color', self_modulate: 'Color', z_index: 'int', show_behind_parent: 'bool' },
  Node2D: { position: 'Vector2', rotation: 'float', rotation_degrees: 'float', scale: 'Vector2', skew: 'float', transform: 'Transform2D', global_position: 'Vector2', global_rotation: 'float', global_scale: 'Vector2', global_transform: 'Transform2D' },
  Control: { position: 'Vector2', size: 'Vector2', rotation: 'float', scale: 'Vector2', global_position: 'Vector2' },
  Node3D: { position: 'Vector3', rotation: 'Vector3', rotation_degrees: 'Vector3', scale: 'Vector3', quaternion: 'Quaternion', basis: 'Basis', transform: 'Transform3D', global_position: 'Vector3', global_rotation: 'Vector3', global_transform: 'Transform3D', visible: 'bool' },
  Sprite2D: { frame: 'int', flip_h: 'bool', flip_v: 'bool', offset: 'Vector2', frame_coords: 'Vector2i' },
  AnimatedSprite2D: { animation: 'StringName', frame: 'int', flip_h: 'bool', flip_v: 'bool', speed_scale: 'float' },
  CharacterBody2D: { velocity: 'Vector2' },
  CharacterBody3D: { velocity: 'Vector3' },
  RigidBody2D: { linear_velocity: 'Vector2', angular_velocity: 'float', mass: 'float' },
  RigidBody3D: { linear_velocity: 'Vector3', angular_velocity: 'Vector3', mass: 'float' },
  Label: { text: 'String' },
  Button: { text: 'String' },
  BaseButton: { disabled: 'bool', button_pressed: 'bool' },
  LineEdit: { text: 'String' },
  Range: { value: 'float', min_value: 'float', max_value: 'float' },
  Camera2D: { zoom: 'Vector2', offset: 'Vector2' },
};

const COMPONENTS: Record<string, string> = {
  Vector2: 'float', Vector3: 'float', Vector4: 'float', Vector2i: 'int', Vector3i: 'int', Vector4i: 'int', Color: 'float', Quaternion: 'float',
};

/** The GDScript type of `property` (`position`, `position:x`) on an engine class, or `undefined`. */
export function builtinPropertyType(className: string | undefined, property: string): string | undefined {
  const [base, sub, ...more] = property.split(':');
  let type: string | undefined;
  for (let c = className; c !== undefined && type === undefined; c = PARENTS[c]) type = PROPERTIES[c]?.[base as string];
  if (type === undefined || sub === undefined) return type;
  return more.length === 0 && /^[xyzwrgba]$/.test(sub) ? COMPONENTS[type] : undefined;
}

/** Whether `className` is (or inherits) `ancestor`. */
export function inheritsClass(className: string | undefined, ancestor: string): boolean {
  for (let c = className; c !== undefined; c = PARENTS[c]) if (c === ancestor) return true;
  return false;
}
