/** What each engine's generated project contains, and the GDScript helpers' indentation. */
import { describe, expect, it } from 'vitest';
import {
  GODOT3_HELPERS, GODOT4_HELPERS, godot3ProjectFiles, godot4ProjectFiles, realPeersRequired, withHelpers,
} from '../../src/index.js';
import { peerSuiteMode } from '../../src/vitest.js';

describe('godot4ProjectFiles', () => {
  it('writes project.godot, main.tscn, main.gd with the helpers, and the extra files', () => {
    const files = godot4ProjectFiles({ script: 'extends Node\n', files: { 'cases.bin': Uint8Array.of(1) } });
    expect(Object.keys(files)).toEqual(['project.godot', 'main.tscn', 'main.gd', 'cases.bin']);
    expect(files['project.godot']).toMatch(/^config_version=5$/m);
    expect(files['project.godot']).toMatch(/^\[application\]$[\s\S]*^run\/main_scene="res:\/\/main\.tscn"$/m);
    expect(files['main.tscn']).toContain('[ext_resource type="Script" path="res://main.gd" id="1"]');
    expect(files['main.tscn']).toContain('[node name="Main" type="Node"]\nscript = ExtResource("1")');
    expect(files['main.gd']).toMatch(/^extends Node\n\n# --- @pp\/interop helpers \(Godot 4\) ---/);
  });

  it('leaves the helpers out and appends project settings on request', () => {
    const files = godot4ProjectFiles({ script: 'extends Node', helpers: false, projectSettings: '[network]\nx=1\n' });
    expect(files['main.gd']).toBe('extends Node');
    expect(files['project.godot']).toMatch(/\[network\]\nx=1\n$/);
  });

  it('refuses extra files that would replace its own', () => {
    expect(() => godot4ProjectFiles({ script: '', files: { 'res://main.gd': '' } })).toThrow(TypeError);
  });
});

describe('godot3ProjectFiles', () => {
  it('writes a Godot 3 project.godot and main.gd with the Godot 3 helpers', () => {
    const files = godot3ProjectFiles({ script: 'extends SceneTree\n', files: { 'res://data/a.txt': 'x' } });
    expect(Object.keys(files)).toEqual(['project.godot', 'main.gd', 'data/a.txt']);
    expect(files['project.godot']).toMatch(/^config_version=4$/m);
    expect(files['main.gd']).toContain('# --- @pp/interop helpers (Godot 3) ---');
    expect(files['main.gd']).toContain('var2bytes(value, full_objects)');
  });

  it('refuses paths outside the project and its own files', () => {
    for (const path of ['../x', '/etc/passwd', 'project.godot', 'res://main.gd', '.']) {
      expect(() => godot3ProjectFiles({ script: '', files: { [path]: '' } }), path).toThrow(TypeError);
    }
  });
});

describe('withHelpers', () => {
  it('keeps tab indentation for tab-indented scripts', () => {
    const out = withHelpers('extends Node\nfunc _ready():\n\tpass\n', GODOT4_HELPERS);
    expect(out).toContain('\n\tprint("PP|", tag, "|", payload)');
  });

  it('rewrites the helpers to the script indentation unit when it uses spaces', () => {
    const out = withHelpers('extends Node\nfunc _ready():\n  pass\n', GODOT3_HELPERS);
    expect(out).not.toMatch(/^\t/m);
    expect(out).toContain('\n  if f.open(path, File.READ) != OK:\n    return PoolByteArray()');
  });

  it('defines the same helpers for both engines', () => {
    const names = (helpers: string): string[] => [...helpers.matchAll(/^func (\w+)/gm)].map((m) => m[1] ?? '');
    expect(names(GODOT3_HELPERS)).toEqual(names(GODOT4_HELPERS));
    expect(names(GODOT4_HELPERS)).toEqual([
      'pp_emit', 'pp_emit_bytes', 'pp_emit_text', 'pp_emit_var', 'pp_read_bytes', 'pp_from_base64', 'pp_done', 'pp_fail',
    ]);
  });
});

describe('realPeersRequired', () => {
  it.each([
    [{}, false],
    [{ CI: '' }, false],
    [{ CI: '0' }, false],
    [{ CI: 'false' }, false],
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ PP_REQUIRE_REAL_PEERS: '1' }, true],
    [{ PP_REQUIRE_REAL_PEERS: 'FALSE' }, false],
  ])('%j → %s', (env, expected) => {
    expect(realPeersRequired(env)).toBe(expected);
  });
});

describe('peerSuiteMode', () => {
  const present = { available: true, found: 'x', missing: undefined };
  const absent = { available: false, found: '', missing: 'Godot 3 peer unavailable: missing godot3-server' };
  it('runs with the peer, fails without it when required, skips otherwise', () => {
    expect(peerSuiteMode(present, false)).toBe('run');
    expect(peerSuiteMode(present, true)).toBe('run');
    expect(peerSuiteMode(absent, true)).toBe('fail');
    expect(peerSuiteMode(absent, false)).toBe('skip');
  });
});
