/**
 * Every GDScript sample of the package READMEs and the recipes compiles in Godot 4.6 (official
 * web build): each is loaded as a `GDScript` and `reload()`ed, which parses and analyses it
 * (unknown identifiers, wrong calls, bad indentation) without running it.
 */
import { readFileSync } from 'node:fs';
import { runGodot4 } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { expect, it } from 'vitest';

const ROOT = new URL('../../../../', import.meta.url);
const PACKAGES = ['core', 'udp', 'stream', 'websocket', 'webrtc', 'dtls', 'enet', 'scene', 'cli'];

function samples(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of PACKAGES) {
    const readme = readFileSync(new URL(`packages/${name}/README.md`, ROOT), 'utf8');
    const blocks = [...readme.matchAll(/```gdscript\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    blocks.forEach((block, i) => (found[`${name}-${i}.gd`] = block));
  }
  for (const file of ['relay_client.gd', 'auth_client.gd']) {
    found[`recipes-${file}`] = readFileSync(new URL(`examples/recipes/godot/${file}`, ROOT), 'utf8');
  }
  return found;
}

describeWithGodot4('GDScript samples in Godot 4.6', () => {
  it('every package README has one, and each compiles', async () => {
    const files = samples();
    for (const name of PACKAGES) expect(Object.keys(files).some((file) => file.startsWith(`${name}-`)), `${name}'s README has a GDScript sample`).toBe(true);
    const script = `extends Node

func _ready() -> void:
	for file in ${JSON.stringify(Object.keys(files))}:
		var source := GDScript.new()
		source.source_code = FileAccess.get_file_as_string("res://samples/" + file)
		pp_emit_text("result", file + "=" + str(source.reload()))
	pp_done()
`;
    const run = await runGodot4({
      script,
      files: Object.fromEntries(Object.entries(files).map(([file, text]) => [`samples/${file}`, text])),
      timeoutMs: 60_000,
    });
    const results = Object.fromEntries(run.taggedText('result').map((line) => line.split('=') as [string, string]));
    expect(results).toEqual(Object.fromEntries(Object.keys(files).map((file) => [file, '0']))); // OK = 0 for every sample
  }, 90_000);
});
