/**
 * GDScript snippets for test scripts, as TypeScript strings. The harness appends the helpers to
 * every script unless `helpers: false`; they are exported so a test can also paste them itself.
 * Indentation is tabs, as GDScript requires consistency and Godot writes tabs.
 */

/**
 * Helper functions for a Godot 4 script (`extends Node`), appended at class level:
 *
 * - `pp_emit(tag, payload = "")`: prints `PP|tag|payload` (payload through `str()`; only for
 *   plain ASCII such as numbers — use the base64 variants for anything else);
 * - `pp_emit_bytes(tag, bytes)`: payload `Marshalls.raw_to_base64(bytes)`;
 * - `pp_emit_text(tag, text)`: payload `Marshalls.utf8_to_base64(text)`;
 * - `pp_emit_var(tag, value, full_objects = false)`: payload base64 of `var_to_bytes(value)`
 *   (or `var_to_bytes_with_objects`);
 * - `pp_read_bytes(path) -> PackedByteArray`: a whole `res://` file (empty if missing);
 * - `pp_from_base64(text) -> PackedByteArray`;
 * - `pp_done()`: prints `PP|done|` and quits with 0;
 * - `pp_fail(message)`: prints `PP|fail|<base64 message>` and quits with 1 (the run rejects
 *   with reason `exit-code` and the message).
 */
export const GODOT4_HELPERS = `
# --- @pp/interop helpers (Godot 4) ---
func pp_emit(tag: String, payload: Variant = "") -> void:
	print("PP|", tag, "|", payload)

func pp_emit_bytes(tag: String, bytes: PackedByteArray) -> void:
	print("PP|", tag, "|", Marshalls.raw_to_base64(bytes))

func pp_emit_text(tag: String, text: String) -> void:
	print("PP|", tag, "|", Marshalls.utf8_to_base64(text))

func pp_emit_var(tag: String, value: Variant, full_objects: bool = false) -> void:
	pp_emit_bytes(tag, var_to_bytes_with_objects(value) if full_objects else var_to_bytes(value))

func pp_read_bytes(path: String) -> PackedByteArray:
	return FileAccess.get_file_as_bytes(path)

func pp_from_base64(text: String) -> PackedByteArray:
	return Marshalls.base64_to_raw(text)

func pp_done() -> void:
	print("PP|done|")
	get_tree().quit()

func pp_fail(message: String) -> void:
	pp_emit_text("fail", message)
	get_tree().quit(1)
`;

/**
 * The same helpers for a Godot 3.2 script (`extends SceneTree`, so `quit()` is its own):
 * `pp_emit`, `pp_emit_bytes`, `pp_emit_text`, `pp_emit_var` (with `var2bytes`),
 * `pp_read_bytes`, `pp_from_base64`, `pp_done`, `pp_fail`. See {@link GODOT4_HELPERS}.
 */
export const GODOT3_HELPERS = `
# --- @pp/interop helpers (Godot 3) ---
func pp_emit(tag, payload = ""):
	print("PP|", tag, "|", payload)

func pp_emit_bytes(tag, bytes):
	print("PP|", tag, "|", Marshalls.raw_to_base64(bytes))

func pp_emit_text(tag, text):
	print("PP|", tag, "|", Marshalls.utf8_to_base64(text))

func pp_emit_var(tag, value, full_objects = false):
	pp_emit_bytes(tag, var2bytes(value, full_objects))

func pp_read_bytes(path):
	var f = File.new()
	if f.open(path, File.READ) != OK:
		return PoolByteArray()
	var data = f.get_buffer(f.get_len())
	f.close()
	return data

func pp_from_base64(text):
	return Marshalls.base64_to_raw(text)

func pp_done():
	print("PP|done|")
	quit()

func pp_fail(message):
	pp_emit_text("fail", message)
	quit(1)
`;

/**
 * Appends `helpers` to `script` (class-level functions may follow the script's own). Godot 4
 * rejects a file that indents with tabs in one place and spaces in another, so the helpers'
 * tabs are rewritten to the script's indentation unit when the script indents with spaces.
 */
export function withHelpers(script: string, helpers: string): string {
  const unit = /^( +)\S/m.exec(script)?.[1];
  const firstTab = /^\t/m.test(script);
  const body = unit !== undefined && !firstTab
    ? helpers.replace(/^\t+/gm, (tabs) => unit.repeat(tabs.length))
    : helpers;
  return `${script.replace(/\s*$/, '')}\n\n${body.trimStart()}`;
}
