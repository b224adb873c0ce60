/** Loads a Godot project folder of the tests for a run: placeholders filled in, the pp_* helpers appended to one script. */
import { GODOT4_HELPERS, readGodotProject, withHelpers } from '@pp/interop';

export function gameFiles(dir: URL, helpersIn: string, values: Readonly<Record<string, string | number>>): Record<string, string> {
  const files = readGodotProject(dir.pathname);
  for (const [path, text] of Object.entries(files)) {
    let filled = text;
    for (const [key, value] of Object.entries(values)) filled = filled.replaceAll(`__${key}__`, String(value));
    files[path] = path === helpersIn ? withHelpers(filled, GODOT4_HELPERS) : filled;
  }
  return files;
}
