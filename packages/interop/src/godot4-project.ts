import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { startGodot4 } from './godot4.js';
import type { GodotHandle, GodotScriptOptions } from './session.js';

/** Options of {@link startGodot4Project}. */
export interface Godot4ProjectOptions extends Omit<GodotScriptOptions, 'script' | 'files' | 'helpers'> {
  /**
   * The project's files under `res://` (`.tscn`, `.gd`, …), keyed by their path relative to it.
   * A `project.godot` among them is not packed as such: its sections are appended to the
   * harness's own settings (see {@link godot4ProjectSettings}).
   */
  readonly files: Readonly<Record<string, Uint8Array | string>>;
  /**
   * The scene the engine starts (`res://game.tscn`); by default the `run/main_scene` of the
   * given `project.godot`. The names `main.tscn` and `main.gd` belong to the harness and may not
   * be used by the project.
   */
  readonly mainScene?: string;
}

/**
 * Starts a Godot 4.6 run of a whole small project (several scenes and scripts) instead of one
 * script: the harness's `main.tscn` is still packed but the project's own main scene runs. Print
 * `PP|<tag>|…` lines from the project's scripts (paste {@link GODOT4_HELPERS} into them with
 * `withHelpers`) and finish with `PP|done|`.
 *
 * @throws {TypeError} When no main scene is known, or a file uses a harness name.
 */
export function startGodot4Project(options: Godot4ProjectOptions): Promise<GodotHandle> {
  const { files, mainScene, projectSettings, ...rest } = options;
  const packed: Record<string, Uint8Array | string> = {};
  let project = '';
  for (const [path, content] of Object.entries(files)) {
    const name = path.replace(/^res:\/\//, '');
    if (name === 'project.godot') project = typeof content === 'string' ? content : new TextDecoder().decode(content);
    else packed[name] = content;
  }
  const scene = mainScene ?? /^run\/main_scene\s*=\s*"([^"]+)"/m.exec(project)?.[1];
  if (scene === undefined) throw new TypeError('startGodot4Project: no main scene (give mainScene or a project.godot with run/main_scene)');
  const settings = [godot4ProjectSettings(project), '[application]', `run/main_scene="${scene}"`, projectSettings ?? ''].join('\n');
  return startGodot4({ ...rest, script: 'extends Node\n', files: packed, projectSettings: settings });
}

/**
 * The sections of a `project.godot`, without what comes before the first section
 * (`config_version`, comments), ready to append to the harness's settings. Later keys win in
 * Godot's settings parser, so the project's values replace the harness's.
 */
export function godot4ProjectSettings(project: string): string {
  const first = project.search(/^\[/m);
  return first === -1 ? '' : project.slice(first);
}

/**
 * Reads a Godot project folder into a `files` map for {@link startGodot4Project}: every
 * `.godot`, `.tscn`, `.tres`, `.gd` and `.cfg` file below `dir` (the `.godot/` cache folder
 * excluded), keyed by its path relative to `dir` with `/` separators.
 */
export function readGodotProject(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      if (entry.startsWith('.')) continue;
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(godot|tscn|tres|gd|cfg)$/.test(entry)) out[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}
