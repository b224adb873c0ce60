/**
 * The run lifecycle both engines share, driven by hand: end of run, failures, waits, iteration.
 */
import { describe, expect, it } from 'vitest';
import { GodotRunError, encodeBase64 } from '../../src/index.js';
import { GodotSession } from '../../src/session.js';

function session(options: ConstructorParameters<typeof GodotSession>[1] = {}): { s: GodotSession; disposed: () => number } {
  const s = new GodotSession('godot3', options);
  let disposed = 0;
  s.attach({
    async dispose() {
      disposed++;
    },
  });
  return { s, disposed: () => disposed };
}

const text64 = (text: string): string => encodeBase64(new TextEncoder().encode(text));

describe('GodotSession', () => {
  it('resolves as quit on exit code 0, with every line and the timings', async () => {
    const { s, disposed } = session();
    s.line('stdout', 'Godot Engine v3.2.3.stable.custom_build - https://godotengine.org');
    s.line('stdout', 'PP|bytes|AQID');
    s.line('stderr', 'plain stderr\r');
    s.exit(0);
    const run = await s.finished;
    expect(run.end).toBe('quit');
    expect(run.exitCode).toBe(0);
    expect(run.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'Godot Engine v3.2.3.stable.custom_build - https://godotengine.org'],
      ['stdout', 'PP|bytes|AQID'],
      ['stderr', 'plain stderr'],
    ]);
    expect(run.taggedBytes('bytes')).toEqual([Uint8Array.of(1, 2, 3)]);
    expect(run.timings.bootMs).toBeGreaterThanOrEqual(0);
    expect(run.timings.totalMs).toBeGreaterThanOrEqual(run.timings.bootMs ?? 0);
    expect(run.timings.sharedStartupMs).toBe(0);
    expect(disposed()).toBe(1);
    expect(s.running).toBe(false);
  });

  it('ends as done on PP|done| when the engine quits within the grace period', async () => {
    const { s } = session({ doneGraceMs: 5_000 });
    s.line('stdout', 'PP|done|');
    expect(s.running).toBe(true);
    s.exit(0);
    expect((await s.finished).end).toBe('done');
  });

  it('ends as done after the grace period when the engine does not quit, and stops it', async () => {
    const { s, disposed } = session({ doneGraceMs: 10 });
    s.line('stdout', 'PP|done|');
    const run = await s.finished;
    expect(run.end).toBe('done');
    expect(run.exitCode).toBeNull();
    expect(disposed()).toBe(1);
  });

  it('rejects a non-zero exit with the code and the pp_fail message', async () => {
    const { s } = session();
    s.line('stdout', `PP|fail|${text64('case 3: 50% off')}`);
    s.exit(1);
    const error = (await s.finished.catch((e: unknown) => e)) as GodotRunError;
    expect(error).toBeInstanceOf(GodotRunError);
    expect(error.name).toBe('GodotRunError');
    expect(error.reason).toBe('exit-code');
    expect(error.exitCode).toBe(1);
    expect(error.engine).toBe('godot3');
    expect(error.message).toContain('Godot 3.2.3 (godot3-server): the engine quit with exit code 1');
    expect(error.message).toContain('the script reported: case 3: 50% off');
  });

  it('rejects a script error once its location has arrived', async () => {
    const { s } = session();
    s.line('stderr', 'SCRIPT ERROR: Parse Error: Expected closing ")" after call arguments.');
    s.line('stderr', '   at: GDScript::reload (res://main.gd:3)');
    const error = (await s.finished.catch((e: unknown) => e)) as GodotRunError;
    expect(error.reason).toBe('script-error');
    expect(error.message).toContain('script error: Parse Error');
    expect(error.message).toContain('(at GDScript::reload (res://main.gd:3))');
    expect(error.output.errors).toHaveLength(1);
  });

  it('rejects a script error even when the engine exits 0 right after it (Godot 3)', async () => {
    const { s } = session();
    s.line('stderr', 'SCRIPT ERROR: GDScript::reload: Parse Error: Expected \',\' or \')\'');
    s.exit(0);
    expect(await s.finished.catch((e: unknown) => (e as GodotRunError).reason)).toBe('script-error');
  });

  it('ignores script errors when asked to', async () => {
    const { s } = session({ failOnScriptError: false });
    s.line('stderr', 'SCRIPT ERROR: boom');
    await new Promise((resolve) => setTimeout(resolve, 80));
    s.exit(0);
    const run = await s.finished;
    expect(run.errors.map((e) => e.severity)).toEqual(['script-error']);
  });

  it('keeps harmless errors out of errors but in the log', async () => {
    const { s } = session();
    s.line('stderr', 'ERROR: Could not load global script cache.');
    s.line('stderr', '   at: get_global_class_list (core/config/project_settings.cpp:1451)');
    s.line('stderr', 'WARNING: careful');
    s.exit(0);
    const run = await s.finished;
    expect(run.errors).toEqual([]);
    expect(run.warnings.map((w) => w.message)).toEqual(['careful']);
    expect(run.log.map((e) => e.harmless)).toEqual([true, false]);
  });

  it('rejects on timeout with the last lines, and stops the engine', async () => {
    const { s, disposed } = session({ timeoutMs: 20 });
    s.line('stdout', 'PP|alive|');
    const error = (await s.finished.catch((e: unknown) => e)) as GodotRunError;
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('no end of run within 20 ms');
    expect(error.message).toContain('  PP|alive|');
    expect(disposed()).toBe(1);
  });

  it('rejects a crash and a death by signal', async () => {
    const crashed = session().s;
    crashed.crash('RuntimeError: null function');
    expect(await crashed.finished.catch((e: unknown) => (e as GodotRunError).message)).toContain('crashed: RuntimeError: null function');
    const killed = session().s;
    killed.exit(null, 'SIGSEGV');
    expect(await killed.finished.catch((e: unknown) => (e as GodotRunError).message)).toContain('killed by SIGSEGV');
  });

  it('keeps the first outcome and ignores everything after it', async () => {
    const { s, disposed } = session();
    await s.stop();
    s.line('stdout', 'late');
    s.exit(3);
    s.crash('late');
    await s.stop();
    const run = await s.finished;
    expect(run.end).toBe('stopped');
    expect(run.lines).toEqual([]);
    expect(disposed()).toBe(1);
  });

  it('disposes a driver attached after the run ended', async () => {
    const s = new GodotSession('godot4', {});
    await s.stop();
    let disposed = false;
    s.attach({
      async dispose() {
        disposed = true;
      },
    });
    expect(disposed).toBe(true);
  });

  it('never leaves an unhandled rejection when finished is not observed', async () => {
    const { s } = session();
    s.crash('nobody listens');
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  describe('waitForLine', () => {
    it('finds lines printed before the call, then consumes repeated tags in order', async () => {
      const { s } = session();
      s.line('stdout', 'PP|tick|1');
      s.line('stdout', 'PP|tick|2');
      expect((await s.waitForLine('tick')).payload).toBe('1');
      expect(await s.waitForTag('tick')).toBe('2');
      const third = s.waitForTag('tick');
      s.line('stdout', 'PP|other|x');
      s.line('stdout', 'PP|tick|3');
      expect(await third).toBe('3');
      await s.stop();
    });

    it('takes a RegExp or a predicate', async () => {
      const { s } = session();
      const byRegExp = s.waitForLine(/^hello \d+$/);
      const byPredicate = s.waitForLine((line) => line.stream === 'stderr');
      s.line('stdout', 'hello 42');
      s.line('stderr', 'oops');
      expect((await byRegExp).text).toBe('hello 42');
      expect((await byPredicate).text).toBe('oops');
      await s.stop();
    });

    it('rejects with wait-timeout and lets the run go on', async () => {
      const { s } = session();
      s.line('stdout', 'PP|something|else');
      const error = (await s.waitForTag('never', 20).catch((e: unknown) => e)) as GodotRunError;
      expect(error.reason).toBe('wait-timeout');
      expect(error.message).toContain('no PP|never| line within 20 ms');
      expect(s.running).toBe(true);
      await s.stop();
    });

    it('rejects with ended when the run ends without the line, or with the run failure', async () => {
      const ok = session().s;
      const pending = ok.waitForTag('never');
      ok.exit(0);
      expect(await pending.catch((e: unknown) => (e as GodotRunError).message)).toContain('ended before a PP|never| line');
      await expect(ok.waitForTag('never')).rejects.toMatchObject({ reason: 'ended' });

      const failed = session().s;
      const waiting = failed.waitForTag('never');
      failed.crash('boom');
      await expect(waiting).rejects.toMatchObject({ reason: 'crash' });
      await expect(failed.waitForTag('never')).rejects.toMatchObject({ reason: 'crash' });
    });
  });

  describe('async iteration', () => {
    it('yields every line from the first, live, and ends with the run', async () => {
      const { s } = session();
      s.line('stdout', 'a');
      const seen: string[] = [];
      const done = (async () => {
        for await (const line of s) seen.push(line.text);
      })();
      await new Promise((resolve) => setTimeout(resolve, 5));
      s.line('stdout', 'b');
      s.line('stdout', 'c');
      s.exit(0);
      await done;
      expect(seen).toEqual(['a', 'b', 'c']);
    });

    it('throws the run failure', async () => {
      const { s } = session();
      s.line('stdout', 'a');
      s.crash('boom');
      const iterate = async (): Promise<void> => {
        for await (const _line of s) { /* drain */ }
      };
      await expect(iterate()).rejects.toMatchObject({ reason: 'crash' });
    });
  });
});
