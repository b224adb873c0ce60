export { IMPLEMENTED, NOT_IMPLEMENTED, type Implementation } from './godot-classes.js';
export { camelCase, lineage, visibleConstants, visibleMethods } from './classdb-walk.js';
