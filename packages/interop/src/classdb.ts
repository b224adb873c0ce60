/**
 * Godot 4.6's own description of the classes @pp implements, read from the engine's ClassDB:
 * constants and enums with their values, methods with their arguments and defaults, properties
 * with their defaults, signals, and `error_string()` for every `Error`. `dumpGodot4ClassDb()`
 * asks the real engine; `GODOT4_CLASSDB` is the same dump committed as a fixture
 * (`fixtures/godot-4.6-classdb.json`), so unit tests can check names and values without a
 * browser while an interop test keeps the fixture honest.
 */
import { readFileSync } from 'node:fs';
import { runGodot4 } from './godot4.js';

/** The Godot classes @pp implements or mirrors, and the ones it reads (ClassDB names). */
export const GODOT_NETWORK_CLASSES: readonly string[] = [
  'PacketPeer', 'PacketPeerUDP', 'UDPServer', 'StreamPeer', 'StreamPeerTCP', 'TCPServer', 'PacketPeerStream',
  'StreamPeerBuffer', 'StreamPeerTLS', 'PacketPeerDTLS', 'DTLSServer', 'TLSOptions', 'X509Certificate', 'CryptoKey',
  'WebSocketPeer', 'WebSocketMultiplayerPeer', 'MultiplayerPeer', 'OfflineMultiplayerPeer', 'MultiplayerAPI',
  'SceneMultiplayer', 'SceneReplicationConfig', 'MultiplayerSpawner', 'MultiplayerSynchronizer', 'ENetConnection',
  'ENetPacketPeer', 'ENetMultiplayerPeer', 'WebRTCPeerConnection', 'WebRTCDataChannel', 'WebRTCMultiplayerPeer',
  'JSON', 'Marshalls', 'IP',
  // The bases Godot 4.5 put under StreamPeerTCP and TCPServer: StreamPeerTCP's STATUS_* live on StreamPeerSocket.
  'StreamPeerSocket', 'SocketServer',
];

export interface ClassDbArgument {
  readonly name: string;
  /** Godot 4 Variant type id (0 = any Variant). */
  readonly type: number;
  readonly className: string;
}

export interface ClassDbMethod {
  readonly name: string;
  readonly args: readonly ClassDbArgument[];
  /** `var_to_str` of each default, for the last `defaults.length` arguments. */
  readonly defaults: readonly string[];
  readonly returnType: number;
  readonly flags: number;
}

export interface ClassDbProperty {
  readonly name: string;
  readonly type: number;
  /** `var_to_str` of the default, when ClassDB knows one. */
  readonly default?: string;
}

export interface ClassDbClass {
  readonly name: string;
  readonly inherits: string;
  /** Every integer constant the class declares itself (enum members included). */
  readonly constants: Readonly<Record<string, number>>;
  /** Enum name → member names, in declaration order. */
  readonly enums: Readonly<Record<string, readonly string[]>>;
  readonly methods: readonly ClassDbMethod[];
  readonly properties: readonly ClassDbProperty[];
  readonly signals: readonly string[];
}

export interface ClassDbDump {
  /** `Engine.get_version_info()["string"]`. */
  readonly engine: string;
  readonly classes: Readonly<Record<string, ClassDbClass>>;
  /** Requested classes this build does not register. */
  readonly missing: readonly string[];
  /** `error_string(code)` for every `Error`, indexed by code. */
  readonly errorStrings: readonly string[];
}

/** Godot's `Error` enum has codes 0 … 48. */
const ERROR_COUNT = 49;

function dumpScript(classes: readonly string[]): string {
  return `extends Node

func _args(list: Array) -> Array:
	var out = []
	for a in list:
		out.append({"name": a["name"], "type": a["type"], "className": str(a["class_name"])})
	return out

func _ready():
	pp_emit_text("engine", Engine.get_version_info()["string"])
	for i in range(${ERROR_COUNT}):
		pp_emit_text("error", "%d|%s" % [i, error_string(i)])
	for cls in ${JSON.stringify(classes)}:
		if not ClassDB.class_exists(cls):
			pp_emit_text("missing", cls)
			continue
		var constants = {}
		for c in ClassDB.class_get_integer_constant_list(cls, true):
			constants[c] = ClassDB.class_get_integer_constant(cls, c)
		var enums = {}
		for e in ClassDB.class_get_enum_list(cls, true):
			enums[e] = ClassDB.class_get_enum_constants(cls, e, true)
		var methods = []
		for m in ClassDB.class_get_method_list(cls, true):
			var defaults = []
			for d in m["default_args"]:
				defaults.append(var_to_str(d))
			methods.append({"name": m["name"], "args": _args(m["args"]), "defaults": defaults, "returnType": m["return"]["type"], "flags": m["flags"]})
		var properties = []
		for p in ClassDB.class_get_property_list(cls, true):
			if p["usage"] & (PROPERTY_USAGE_GROUP | PROPERTY_USAGE_CATEGORY | PROPERTY_USAGE_SUBGROUP):
				continue
			var prop = {"name": p["name"], "type": p["type"]}
			if ClassDB.can_instantiate(cls):
				prop["default"] = var_to_str(ClassDB.class_get_property_default_value(cls, p["name"]))
			properties.append(prop)
		var signals = []
		for s in ClassDB.class_get_signal_list(cls, true):
			signals.append(s["name"])
		var info = {"name": cls, "inherits": str(ClassDB.get_parent_class(cls)), "constants": constants, "enums": enums, "methods": methods, "properties": properties, "signals": signals}
		pp_emit_text("class", JSON.stringify(info))
	pp_done()
`;
}

/** Asks the Godot 4.6 web build (in headless Chromium) for its ClassDB entries of `classes`. */
export async function dumpGodot4ClassDb(classes: readonly string[] = GODOT_NETWORK_CLASSES): Promise<ClassDbDump> {
  const run = await runGodot4({ script: dumpScript(classes), timeoutMs: 60_000 });
  const parsed: Record<string, ClassDbClass> = {};
  for (const text of run.taggedText('class')) {
    const entry = JSON.parse(text) as ClassDbClass;
    parsed[entry.name] = entry;
  }
  const errorStrings: string[] = [];
  for (const text of run.taggedText('error')) {
    const bar = text.indexOf('|');
    errorStrings[Number(text.slice(0, bar))] = text.slice(bar + 1);
  }
  return { engine: run.taggedText('engine')[0] ?? '', classes: parsed, missing: run.taggedText('missing'), errorStrings };
}

const FIXTURE = new URL('../fixtures/godot-4.6-classdb.json', import.meta.url);

/** The committed dump of Godot 4.6's ClassDB (see the file header). */
export function godot4ClassDb(): ClassDbDump {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as ClassDbDump;
}
