/**
 * Recognises the error and warning reports Godot prints (`ERROR:`, `SCRIPT ERROR:`, `WARNING:`,
 * `push_error`, `push_warning`, each usually followed by an indented `at:` / `At:` location
 * line) in both Godot 3 and Godot 4 formats.
 */

/** How serious a Godot report is. `script-error` covers GDScript parse and runtime errors. */
export type GodotLogSeverity = 'error' | 'script-error' | 'shader-error' | 'warning';

/** One error or warning report from the engine. */
export interface GodotLogEntry {
  readonly severity: GodotLogSeverity;
  /** The message after the `ERROR: ` style prefix. */
  readonly message: string;
  /** The location line that followed (`push_error (core/variant/variant_utility.cpp:1024)`), if any. */
  readonly location: string | undefined;
  /** Whether this report is a known, harmless artefact of how the harness runs the engine. */
  readonly harmless: boolean;
  /** The raw header line. */
  readonly line: string;
}

/**
 * Reports the harness provokes by itself and that say nothing about the test:
 * - Godot 4 without an imported project has no `.godot/global_script_class_cache.cfg`.
 * - Godot 3 under `LANG=C` (the harness sets `LANG`, but a caller's environment may override it).
 */
export const HARMLESS_GODOT_ERRORS: readonly RegExp[] = [
  /^Could not load global script cache\.?$/,
  /^get_language_code: Invalid locale 'C'\.?$/,
  /^set_locale: Unsupported locale 'C', falling back to 'en'\.?$/,
];

const HEADER = /^(?:USER )?(SCRIPT ERROR|SHADER ERROR|ERROR|WARNING|SCRIPT WARNING): ?(.*)$/;
const LOCATION = /^\s+at: (.*?)\.?$/i;

const SEVERITY: Readonly<Record<string, GodotLogSeverity>> = {
  'SCRIPT ERROR': 'script-error',
  'SHADER ERROR': 'shader-error',
  ERROR: 'error',
  WARNING: 'warning',
  'SCRIPT WARNING': 'warning',
};

interface MutableEntry {
  severity: GodotLogSeverity;
  message: string;
  location: string | undefined;
  harmless: boolean;
  line: string;
}

/** Incremental parser: feed every line in order, read {@link GodotLogParser.entries}. */
export class GodotLogParser {
  readonly #entries: MutableEntry[] = [];
  #last: MutableEntry | undefined;

  /** Every report seen so far, in order. */
  get entries(): readonly GodotLogEntry[] {
    return this.#entries;
  }

  /**
   * Consumes one line.
   *
   * @returns The new entry when the line starts a report, `undefined` otherwise (including the
   *   location line, which is attached to the previous report).
   */
  push(text: string): GodotLogEntry | undefined {
    const header = HEADER.exec(text);
    if (header) {
      const message = header[2] ?? '';
      const entry: MutableEntry = {
        severity: SEVERITY[header[1] ?? 'ERROR'] ?? 'error',
        message,
        location: undefined,
        harmless: HARMLESS_GODOT_ERRORS.some((pattern) => pattern.test(message)),
        line: text,
      };
      this.#entries.push(entry);
      this.#last = entry;
      return entry;
    }
    const location = LOCATION.exec(text);
    if (location && this.#last && this.#last.location === undefined) {
      this.#last.location = location[1];
    }
    this.#last = undefined;
    return undefined;
  }
}

/** Formats an entry the way Godot printed it, on one line. */
export function formatLogEntry(entry: GodotLogEntry): string {
  return entry.location === undefined ? entry.line : `${entry.line} (at ${entry.location})`;
}
