/** The values of every Godot Variant type live in @pp/conformance/testing (shared by every transport's interop tests). */
export { GODOT3_VALUES, GODOT4_VALUES } from '@pp/conformance/testing';
