/**
 * Smoke tests of the Godot 4.6 peer: the official web build in headless Chromium, driven
 * through the harness. Each run is a fresh page and engine instance in one shared browser.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { withTimeout } from '@pp/conformance/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { GodotRunError, runGodot4, startGodot4, type GodotHandle, type GodotRun } from '../../src/index.js';
import { describeWithGodot4 } from '../../src/vitest.js';

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));

/**
 * Just enough of RFC 6455 for one short text message each way: the opening handshake, one
 * masked client frame in, one unmasked server frame out. (The transports have real servers.)
 */
interface TinyServer {
  readonly server: Server;
  /** Destroys the upgraded sockets (server.close() would wait for them) and closes. */
  close(): Promise<void>;
}

function tinyWebSocketServer(onMessage: (text: string, reply: (text: string) => void) => void): TinyServer {
  const server = createServer((_request, response) => response.writeHead(404).end());
  const sockets = new Set<Socket>();
  server.on('upgrade', (request, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const key = String(request.headers['sec-websocket-key']);
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.once('data', (frame: Buffer) => {
      const length = (frame[1] ?? 0) & 0x7f; // < 126 in this test
      const mask = frame.subarray(2, 6);
      const payload = Buffer.from(frame.subarray(6, 6 + length).map((b, i) => b ^ (mask[i % 4] ?? 0)));
      onMessage(payload.toString('utf8'), (text) => {
        const body = Buffer.from(text, 'utf8');
        socket.write(Buffer.concat([Buffer.from([0x81, body.length]), body]));
      });
    });
  });
  return {
    server,
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    }),
  };
}

function report(label: string, run: GodotRun): void {
  const { sharedStartupMs, bootMs, totalMs } = run.timings;
  console.info(`[godot4] ${label}: shared start-up ${sharedStartupMs} ms, boot ${bootMs} ms, total ${totalMs} ms`);
}

describeWithGodot4('Godot 4.6 web build', () => {
  it('prints its version, var_to_bytes(12345) and an extra res:// file', async () => {
    const cases = Uint8Array.from([0, 1, 2, 0x25, 0x73, 0xff, 0x0a, 0x7c]);
    const run = await runGodot4({
      script: `extends Node

func _ready():
	var v = Engine.get_version_info()
	pp_emit_text("version", "%d.%d.%d-%s" % [v.major, v.minor, v.patch, v.status])
	pp_emit_var("int", 12345)
	var f = FileAccess.open("res://cases.bin", FileAccess.READ)
	pp_emit_bytes("file", f.get_buffer(f.get_length()))
	pp_emit("size", FileAccess.get_file_as_bytes("res://data/nested.txt").size())
	pp_emit_text("text", "100%s %d é ✓ | PP|x|")
	pp_done()
`,
      files: { 'cases.bin': cases, 'data/nested.txt': 'héllo' },
    });
    report('first run', run);
    expect(run.taggedText('version')).toEqual(['4.6.0-stable']);
    expect(run.taggedBytes('int')).toEqual([hex('02000000 39300000')]);
    expect(run.taggedBytes('file')).toEqual([cases]);
    expect(run.payload('size')).toBe('6');
    expect(run.taggedText('text')).toEqual(['100%s %d é ✓ | PP|x|']);
    expect(run.lines[0]?.text).toMatch(/^Godot Engine v4\.6\.stable\.official/);
    expect(run.end).toBe('done');
    expect(run.exitCode).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.log.filter((e) => e.harmless).map((e) => e.message)).toEqual(['Could not load global script cache.']);
  });

  it('runs twice more in the same process, each a fresh engine in the warm browser', async () => {
    const script = `extends Node
var frames = 0

func _ready():
	pp_emit("ready", Engine.get_process_frames())

func _process(_delta):
	frames += 1
	if frames == 5:
		pp_emit("frames", frames)
		pp_done()
`;
    const first = await runGodot4({ script });
    const second = await runGodot4({ script });
    report('second run', first);
    report('third run', second);
    for (const run of [first, second]) {
      expect(run.tagged('ready')).toEqual(['0']);
      expect(run.tagged('frames')).toEqual(['5']);
      expect(run.timings.sharedStartupMs).toBe(0);
      expect(run.errors).toEqual([]);
    }
  });

  it('runs concurrent pages side by side', async () => {
    const script = (n: number): string => `extends Node
var frames = 0

func _process(_delta):
	frames += 1
	if frames == 10:
		pp_emit("n", ${n})
		pp_done()
`;
    const runs = await Promise.all([1, 2, 3].map((n) => runGodot4({ script: script(n) })));
    expect(runs.map((run) => run.payload('n'))).toEqual(['1', '2', '3']);
  });

  it('gives a live handle: waits for lines as the engine prints them, in order', async () => {
    // Indented with spaces on purpose: the tab-indented helpers are converted to match.
    const handle = await startGodot4({
      script: [
        'extends Node',
        'var frames = 0',
        'var ticks = 0',
        '',
        'func _process(_delta):',
        '    frames += 1',
        '    if frames % 10 == 0:',
        '        ticks += 1',
        '        pp_emit("tick", ticks)',
        '        if ticks == 3:',
        '            pp_done()',
      ].join('\n'),
    });
    const first = await handle.waitForLine('tick', 10_000);
    expect(first.payload).toBe('1');
    expect(await handle.waitForTag('tick', 10_000)).toBe('2');
    const third = await handle.waitForLine(/^PP\|tick\|3$/, 10_000);
    expect(third.atMs).toBeGreaterThan(first.atMs);
    const run = await handle.finished;
    expect(run.end).toBe('done');
    const seen: string[] = [];
    for await (const line of handle) if (line.tag === 'tick') seen.push(line.payload ?? '');
    expect(seen).toEqual(['1', '2', '3']);
    await expect(handle.waitForTag('tick', 1000)).rejects.toMatchObject({ reason: 'ended' });
  });

  describe('live: the script connects to a WebSocket server in this process', () => {
    let ws: TinyServer | undefined;
    let handle: GodotHandle | undefined;

    afterEach(async () => {
      await handle?.stop();
      await ws?.close();
      ws = undefined;
      handle = undefined;
    });

    it('exchanges a text message each way with ws://127.0.0.1:<port>', async () => {
      let received: (text: string) => void = () => undefined;
      const fromGodot = new Promise<string>((resolve) => (received = resolve));
      ws = tinyWebSocketServer((text, reply) => {
        received(text);
        reply('hello from node ✓');
      });
      const { server } = ws;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      handle = await startGodot4({
        script: `extends Node
var ws = WebSocketPeer.new()
var said = false

func _ready():
	pp_emit("connect", ws.connect_to_url("ws://127.0.0.1:${port}"))

func _process(_delta):
	ws.poll()
	var state = ws.get_ready_state()
	if state == WebSocketPeer.STATE_OPEN:
		if not said:
			said = true
			ws.send_text("hello from godot")
		while ws.get_available_packet_count() > 0:
			pp_emit_bytes("got", ws.get_packet())
			pp_done()
	elif state == WebSocketPeer.STATE_CLOSED:
		pp_fail("closed with code %d" % ws.get_close_code())
`,
      });
      expect(await handle.waitForTag('connect', 10_000)).toBe('0');
      expect(await withTimeout(fromGodot, 10_000, 'the message from Godot')).toBe('hello from godot');
      const got = await handle.waitForTag('got', 10_000);
      expect(new TextDecoder().decode(Buffer.from(got, 'base64'))).toBe('hello from node ✓');
      expect((await handle.finished).errors).toEqual([]);
    });
  });

  it('stop() ends a run that would go on forever', async () => {
    const handle = await startGodot4({
      script: `extends Node

func _ready():
	pp_emit("ready")
`,
    });
    await handle.waitForTag('ready', 10_000);
    expect(handle.running).toBe(true);
    await handle.stop();
    expect(handle.running).toBe(false);
    const run = await handle.finished;
    expect(run.end).toBe('stopped');
    expect(run.exitCode).toBeNull();
  });

  // Concurrent: each waits on its own engine, and one of them for a deadline.
  describe.concurrent('failures are clear rejections, not hangs', () => {
    it('a parse error', async ({ expect }) => {
      const started = performance.now();
      const error = await runGodot4({ script: 'extends Node\nfunc _ready():\n\tprint("x"\n' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GodotRunError);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('script-error');
      expect(failure.message).toMatch(/SCRIPT ERROR: Parse Error/);
      expect(failure.output.errors[0]).toMatchObject({ severity: 'script-error', location: 'GDScript::reload (res://main.gd:3)' });
      // Rejected on the error, before the 20 s run deadline (boot alone can take seconds under load).
      expect(performance.now() - started).toBeLessThan(18_000);
    });

    it('a timeout, even with the engine stuck in an endless loop, with the last lines', async ({ expect }) => {
      const started = performance.now();
      const error = await runGodot4({
        // The loop starts a moment after the line: a renderer stuck from the very next instruction
        // may never hand the console message to the browser process, on a loaded machine.
        script: 'extends Node\nfunc _ready():\n\tpp_emit("looping")\n\tawait get_tree().create_timer(0.5).timeout\n\twhile true:\n\t\tpass\n',
        // The deadline covers the launch too: on a loaded 2-core machine, beside the other pages of
        // this block, the engine alone has taken 13 s to reach _ready(), and it must reach the loop.
        timeoutMs: 25_000,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GodotRunError);
      expect((error as GodotRunError).reason).toBe('timeout');
      expect((error as GodotRunError).message).toMatch(/no end of run within 25000 ms/);
      expect((error as GodotRunError).message).toMatch(/PP\|looping\|/);
      expect(performance.now() - started).toBeLessThan(30_000);
    }, 40_000);

    it('pp_fail(): exit code 1 and the message; push_error is collected', async ({ expect }) => {
      const error = await runGodot4({
        script: 'extends Node\nfunc _ready():\n\tpush_error("bad thing")\n\tpp_fail("case 7 differs: 50% off")\n',
      }).catch((e: unknown) => e);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('exit-code');
      expect(failure.exitCode).toBe(1);
      expect(failure.message).toMatch(/case 7 differs: 50% off/);
      expect(failure.output.errors.map((e) => [e.message, e.location])).toEqual([
        ['bad thing', expect.stringMatching(/^push_error /)],
      ]);
    });

    it('a crash (OS.crash traps the wasm)', async ({ expect }) => {
      const error = await runGodot4({
        script: 'extends Node\nfunc _ready():\n\tpp_emit("before")\n\tOS.crash("deliberate")\n',
      }).catch((e: unknown) => e);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('crash');
      expect(failure.message).toMatch(/the engine crashed: RuntimeError: unreachable/);
      expect(failure.message).toMatch(/PP\|before\|/);
      expect(failure.output.errors.map((e) => e.message)).toEqual(['deliberate']);
    });

    it('a GDScript runtime error is NOT reported by this release build: the script goes on', async ({ expect }) => {
      const run = await runGodot4({
        script: 'extends Node\nfunc _ready():\n\tvar a = null\n\ta.foo()\n\tpp_emit("after")\n\tpp_done()\n',
      });
      expect(run.tagged('after')).toEqual(['']);
      expect(run.errors).toEqual([]);
    });
  });
});
