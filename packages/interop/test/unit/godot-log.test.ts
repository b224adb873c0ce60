/** Error reports exactly as the two engines printed them on this machine. */
import { describe, expect, it } from 'vitest';
import { GodotLogParser, formatLogEntry, type GodotLogEntry } from '../../src/index.js';

function parse(lines: string[]): GodotLogEntry[] {
  const parser = new GodotLogParser();
  lines.forEach((line) => parser.push(line));
  return [...parser.entries];
}

describe('GodotLogParser', () => {
  it('reads Godot 4 reports and their lower-case "at:" locations', () => {
    expect(parse([
      'ERROR: Could not load global script cache.',
      '   at: get_global_class_list (core/config/project_settings.cpp:1451)',
      'Build configuration: Emscripten 4.0.20, single-threaded, no GDExtension support.',
      'SCRIPT ERROR: Parse Error: Expected closing ")" after call arguments.',
      '   at: GDScript::reload (res://main.gd:3)',
      'ERROR: pushed error',
      '   at: push_error (core/variant/variant_utility.cpp:1024)',
      'WARNING: pushed warning',
      '   at: push_warning (core/variant/variant_utility.cpp:1034)',
      'SHADER ERROR: bad shader',
    ])).toEqual([
      { severity: 'error', message: 'Could not load global script cache.', location: 'get_global_class_list (core/config/project_settings.cpp:1451)', harmless: true, line: 'ERROR: Could not load global script cache.' },
      { severity: 'script-error', message: 'Parse Error: Expected closing ")" after call arguments.', location: 'GDScript::reload (res://main.gd:3)', harmless: false, line: 'SCRIPT ERROR: Parse Error: Expected closing ")" after call arguments.' },
      { severity: 'error', message: 'pushed error', location: 'push_error (core/variant/variant_utility.cpp:1024)', harmless: false, line: 'ERROR: pushed error' },
      { severity: 'warning', message: 'pushed warning', location: 'push_warning (core/variant/variant_utility.cpp:1034)', harmless: false, line: 'WARNING: pushed warning' },
      { severity: 'shader-error', message: 'bad shader', location: undefined, harmless: false, line: 'SHADER ERROR: bad shader' },
    ]);
  });

  it('reads Godot 3 reports and their "At:" locations with a trailing period', () => {
    const entries = parse([
      "ERROR: get_language_code: Invalid locale 'C'.",
      '   At: core/translation.cpp:945.',
      "ERROR: set_locale: Unsupported locale 'C', falling back to 'en'.",
      '   At: core/translation.cpp:969.',
      "SCRIPT ERROR: _init: Invalid call. Nonexistent function 'foo' in base 'Nil'.",
      '   At: res://rt.gd:4.',
      'ERROR: call: pusherr',
      '   At: modules/gdscript/gdscript_functions.cpp:803.',
    ]);
    expect(entries.map((e) => [e.severity, e.location, e.harmless])).toEqual([
      ['error', 'core/translation.cpp:945', true],
      ['error', 'core/translation.cpp:969', true],
      ['script-error', 'res://rt.gd:4', false],
      ['error', 'modules/gdscript/gdscript_functions.cpp:803', false],
    ]);
  });

  it('attaches a location only to the report right before it', () => {
    const entries = parse(['ERROR: one', 'unrelated', '   at: somewhere (x.cpp:1)']);
    expect(entries[0]?.location).toBeUndefined();
  });

  it('ignores ordinary lines, including ones that mention errors', () => {
    expect(parse(['printerr line', 'PP|ERROR: x|', 'No ERROR: here', ''])).toEqual([]);
  });

  it('formats an entry on one line', () => {
    const [entry] = parse(['ERROR: boom', '   at: f (a.cpp:1)']);
    expect(entry && formatLogEntry(entry)).toBe('ERROR: boom (at f (a.cpp:1))');
  });
});
