/** The importer: Godot text formats, GDScript, whole projects, the emitted TypeScript, and JSON round trips. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readGodotProject } from '@pp/interop';
import { Color, Float, Vector2 } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { MethodTable, SyncTemplate } from '../../src/index.js';
import {
  emitTypeScript, gameFromJson, importProject, parseGdscript, parseTextResource, parseTextValue, valueFromJson,
} from '../../src/importer/index.js';
import * as generated from '../support/arena-godot.generated.js';

const fixture = (name: string): Record<string, string> => readGodotProject(new URL(`../${name}`, import.meta.url).pathname);

describe('Godot text values and resources', () => {
  it('reads the value forms .tscn files hold', () => {
    expect(parseTextValue('NodePath("../Players")')).toEqual({ kind: 'call', name: 'NodePath', args: [{ kind: 'string', value: '../Players', prefix: '' }] });
    expect(parseTextValue('PackedStringArray("uid://a", "res://b.tscn")')).toMatchObject({ kind: 'call', args: [{ value: 'uid://a' }, { value: 'res://b.tscn' }] });
    expect(parseTextValue('&"calm"')).toEqual({ kind: 'string', value: 'calm', prefix: '&' });
    expect(parseTextValue('[1, 2.5, -3e2, true, null]')).toEqual({ kind: 'array', items: [{ kind: 'int', value: 1 }, { kind: 'float', value: 2.5 }, { kind: 'float', value: -300 }, { kind: 'bool', value: true }, { kind: 'null' }] });
    expect(parseTextValue('{ "a": Vector2(1, 2) }')).toMatchObject({ kind: 'dict', entries: [[{ value: 'a' }, { kind: 'call', name: 'Vector2' }]] });
    expect(parseTextValue('"say \\"hi\\"\\n"')).toMatchObject({ value: 'say "hi"\n' });
    expect(() => parseTextValue('Vector2(1,')).toThrow();
  });

  it('splits sections, attributes and multi-line values, and reports what it cannot read', () => {
    const { sections, errors } = parseTextResource([
      'config_version=5', '[gd_scene load_steps=2 format=3 uid="uid://x"]', '[node name="A" type="Node" parent="." groups=["g"]]',
      'list = [', '1,', '2', ']', 'bad = (((', '[connection signal="s" from="." to="." method="m"]',
    ].join('\n'));
    expect(sections.map((s) => s.tag)).toEqual(['', 'gd_scene', 'node', 'connection']);
    expect(sections[2]?.attrs.get('groups')).toMatchObject({ kind: 'array' });
    expect(sections[2]?.props.get('list')).toMatchObject({ kind: 'array', items: [{ value: 1 }, { value: 2 }] });
    expect(errors).toHaveLength(1);
  });
});

describe('GDScript', () => {
  it('reads @rpc functions in every form, variables, and run-time calls', () => {
    const info = parseGdscript([
      'class_name Foo extends "res://base.gd"',
      '@rpc("any_peer", "call_local", "unreliable", 2) func a(x: int, y := 1.5, z = "s") -> void:',
      '\tpass',
      '@rpc',
      '',
      '# a comment between',
      'func b():',
      '\trpc_config(&"c", {"rpc_mode": 1})',
      '@export var hp: int = 10',
      'var pos := Vector2.ZERO  # comment',
      'var untyped = 3',
      'var nothing',
      'func _enter_tree():',
      '\t$Input.set_multiplayer_authority(name.to_int())',
      '\tget_tree().set_multiplayer(mp, ^"/root/World")',
    ].join('\n'));
    expect(info.className).toBe('Foo');
    expect(info.extends).toBe('res://base.gd');
    expect(info.rpcs.map(({ line: _line, ...r }) => r)).toEqual([
      { name: 'a', mode: 'any_peer', callLocal: true, transfer: 'unreliable', channel: 2, params: [
        { name: 'x', type: 'int', hasDefault: false }, { name: 'y', type: 'float', hasDefault: true }, { name: 'z', type: undefined, hasDefault: true },
      ] },
      { name: 'b', mode: 'authority', callLocal: false, transfer: 'reliable', channel: 0, params: [] },
    ]);
    expect([...info.vars.values()]).toEqual([
      { name: 'hp', type: 'int', defaultText: '10' }, { name: 'pos', type: 'Vector2', defaultText: 'Vector2.ZERO' },
      { name: 'untyped', type: 'int', defaultText: '3' }, { name: 'nothing', type: undefined, defaultText: undefined },
    ]);
    expect(info.calls.map((c) => [c.kind, c.target, c.inFunction])).toEqual([
      ['rpc_config', 'c', 'b'], ['set_multiplayer_authority', '$Input', '_enter_tree'], ['custom_multiplayer', '', '_enter_tree'],
    ]);
  });
});

describe('importing a project', () => {
  it('the fixture: autoloads, instanced scenes, uids, inheritance, 4.1 sync/watch, types and defaults, warnings', () => {
    const { json, warnings } = importProject(fixture('fixtures/importer'));
    expect(json.godot).toBe('4.5');
    expect(Object.keys(json.nodes)).toEqual(['Lobby', 'World', 'World/Level', 'World/Level/Door', 'World/Level/LevelSync', 'World/Level/Spawner']);
    expect(json.nodes['Lobby']?.rpc?.['start_game']).toEqual({ mode: 'authority', callLocal: true, transfer: 'unreliable_ordered', channel: 3, args: ['int', 'string'], minArgs: 1 });
    expect(Object.keys(json.nodes['World']?.rpc ?? {})).toEqual(['chat', 'over']);
    expect(json.nodes['World']?.rpc?.['over']?.args).toEqual(['int']); // the subclass's redeclaration wins
    expect(json.nodes['World/Level/LevelSync']?.synchronizer).toEqual({
      replicationInterval: 0.25,
      properties: [
        { path: 'Door:position', type: 'vector2', spawn: true, mode: 'always', alsoWatch: true, default: { type: 'Vector2', args: [64, 32] } },
        { path: '.:open_count', type: 'int', spawn: false, mode: 'on_change', default: 3 },
      ],
    });
    expect(json.nodes['World/Level/Spawner']?.spawner).toEqual({ spawnPath: '../Actors', scenes: ['res://actors/actor.tscn', 'res://actors/bullet.tscn'] });
    const actor = json.scenes['res://actors/actor.tscn'];
    expect(actor?.authority).toBe('name');
    expect(actor?.nodes['Sync']?.synchronizer?.properties.map((p) => [p.path, p.type])).toEqual([
      ['.:velocity', 'vector2'], ['.:mood', 'stringName'], ['Sprite:modulate:a', 'float'], ['.:target', 'any'],
    ]);
    expect(actor?.nodes['Sync']?.synchronizer?.publicVisibility).toBe(false);
    expect(warnings.map((w) => `${w.file}:${w.line ?? ''} ${w.message.slice(0, 30)}`)).toEqual([
      'res://main.gd:8 rpc_config("late", …) configur',
      'res://main.gd:9 a custom spawn_function: decla',
      'res://actors/actor.tscn:5 Sync: the type of .:target is ',
    ]);
  });

  it('the Godot proof game imports without warnings, and its committed declaration is current', () => {
    const { json, warnings } = importProject(fixture('interop/game'));
    expect(warnings).toEqual([]);
    const source = emitTypeScript(json, { source: 'test/interop/game', scenePackage: '../../src/index.js' });
    expect(source).toBe(readFileSync(new URL('../support/arena-godot.generated.ts', import.meta.url), 'utf8'));
  });

  it('gameFromJson builds the same method ids, md5s and replication lists as the TypeScript declaration', () => {
    const { json } = importProject(fixture('interop/game'));
    const { game, scenes } = gameFromJson(JSON.parse(JSON.stringify(json)));
    const fromJson = MethodTable.of(game.nodes['Main'] ?? {});
    const fromTs = MethodTable.of(generated.game.nodes.Main);
    expect([...fromJson.byId.keys()]).toEqual([...fromTs.byId.keys()]);
    expect(fromJson.md5).toBe(fromTs.md5);
    const sync = (scenes['res://player.tscn']?.nodes['ServerSync']?.synchronizer);
    const template = SyncTemplate.of(sync ?? { properties: [] });
    expect(template.watch.map((p) => p.path)).toEqual(['.:hp']);
    expect(game.nodes['Main/PlayerSpawner']?.spawner?.scenes[0]).toBe(scenes['res://player.tscn']);
  });

  it('JSON values', () => {
    expect(valueFromJson({ float: 2 })).toEqual(new Float(2));
    expect(valueFromJson({ type: 'Vector2', args: [1, 2] })).toEqual(new Vector2(1, 2));
    expect(valueFromJson({ type: 'Color', args: [1, 0, 0] })).toEqual(new Color(1, 0, 0, 1));
    expect(() => valueFromJson({ type: 'Object', args: [] })).toThrow(/no JSON form/);
    expect(() => gameFromJson({ format: 'x' } as never)).toThrow(/not a pp-scene-game@1/);
  });
});

describe('pp-scene-import (the bin)', () => {
  const bin = new URL('../../dist/bin/pp-scene-import.js', import.meta.url).pathname;
  const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('prints TypeScript or JSON, warnings on stderr, and fails clearly', () => {
    const ts = run('test/interop/game', '--scene-package', '../../src/index.js');
    expect(ts.status).toBe(0);
    expect(ts.stdout).toBe(readFileSync(new URL('../support/arena-godot.generated.ts', import.meta.url), 'utf8'));
    const json = run('test/fixtures/importer', '--json', '--godot', '4.2');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).godot).toBe('4.2');
    expect(json.stderr).toMatch(/warning: res:\/\/main\.gd:8: rpc_config/);
    expect(run('test').status).toBe(1);
    expect(run().status).toBe(2);
    expect(run('x', '--nope').stderr).toMatch(/unknown argument --nope/);
  });
});
