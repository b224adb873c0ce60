/** startGodot4Project's pieces: a project's settings appended to the harness's, a project folder read into files. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { godot4ProjectFiles, godot4ProjectSettings, readGodotProject } from '../../src/index.js';

describe('Godot 4 projects', () => {
  it('keeps only the sections of a project.godot, so they follow (and override) the harness settings', () => {
    const project = '; comment\nconfig_version=5\n\n[application]\nrun/main_scene="res://game.tscn"\n';
    const settings = godot4ProjectSettings(project);
    expect(settings).toBe('[application]\nrun/main_scene="res://game.tscn"\n');
    const files = godot4ProjectFiles({ script: 'extends Node\n', projectSettings: settings });
    const text = String(files['project.godot']);
    // The harness's main scene comes first; the project's later line wins in Godot's parser.
    expect(text.indexOf('run/main_scene="res://main.tscn"')).toBeLessThan(text.indexOf('run/main_scene="res://game.tscn"'));
    expect(godot4ProjectSettings('config_version=5')).toBe('');
  });

  it('reads a project folder: Godot text files only, .godot/ and hidden files left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-project-'));
    try {
      mkdirSync(join(dir, 'scenes'));
      mkdirSync(join(dir, '.godot'));
      writeFileSync(join(dir, 'project.godot'), 'config_version=5');
      writeFileSync(join(dir, 'scenes', 'a.tscn'), '[gd_scene format=3]');
      writeFileSync(join(dir, 'scenes', 'a.gd'), 'extends Node');
      writeFileSync(join(dir, 'icon.png'), 'x');
      writeFileSync(join(dir, '.godot', 'cache.cfg'), 'x');
      expect(Object.keys(readGodotProject(dir)).sort()).toEqual(['project.godot', 'scenes/a.gd', 'scenes/a.tscn']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
