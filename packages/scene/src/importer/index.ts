export { importProject, type ImportOptions, type ImportResult, type ImportWarning } from './project-importer.js';
export { emitTypeScript, type EmitOptions } from './emit-typescript.js';
export { parseGdscript, literalType, type ScriptCall, type ScriptInfo, type ScriptRpc, type ScriptVar } from './gdscript.js';
export { parseTextResource, type TextSection } from './text-resource.js';
export { parseTextValue, TextValueError, type TextValue } from './text-value.js';
export { builtinPropertyType } from './builtin-properties.js';
export { GAME_JSON_FORMAT, gameFromJson, valueFromJson, type GameJson, type NodeJson, type PropertyJson, type RpcJson, type SceneJson, type ValueJson } from '../declaration/json.js';
