#!/usr/bin/env node
/**
 * pp-scene-import <project-dir> [--json] [--out <file>] [--godot 4.x] [--main-scene res://…] [--scene-package <specifier>]
 *
 * Reads a Godot 4 project's text files and prints the @pp/scene declaration of what touches the
 * network (TypeScript by default, JSON with --json). Warnings (what it cannot see) go to stderr.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { emitTypeScript, importProject } from '../importer/index.js';

const USAGE = 'usage: pp-scene-import <project-dir> [--json] [--out <file>] [--godot 4.x] [--main-scene res://main.tscn] [--scene-package @pp/scene]';

function readProject(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      if (entry.startsWith('.') || entry === 'node_modules') continue;
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(godot|tscn|tres|gd|cs|uid)$/.test(entry)) out[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function main(argv: string[]): number {
  let dir: string | undefined;
  let json = false;
  let out: string | undefined;
  let godot: string | undefined;
  let mainScene: string | undefined;
  let scenePackage: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--out') out = argv[++i];
    else if (arg === '--godot') godot = argv[++i];
    else if (arg === '--main-scene') mainScene = argv[++i];
    else if (arg === '--scene-package') scenePackage = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (dir === undefined && !arg.startsWith('-')) dir = arg;
    else {
      console.error(`unknown argument ${arg}\n${USAGE}`);
      return 2;
    }
  }
  if (dir === undefined) {
    console.error(USAGE);
    return 2;
  }
  const files = readProject(resolve(dir));
  if (!('project.godot' in files)) {
    console.error(`${dir}: no project.godot here`);
    return 1;
  }
  const result = importProject(files, { ...(godot ? { godot } : {}), ...(mainScene ? { mainScene } : {}) });
  for (const w of result.warnings) console.error(`warning: ${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  const text = json ? `${JSON.stringify(result.json, null, 2)}\n` : emitTypeScript(result.json, { source: dir, ...(scenePackage ? { scenePackage } : {}) });
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
