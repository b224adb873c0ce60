/**
 * Smoke tests of the Godot 3.2.3 peer (`godot3-server`), including a live TCP exchange with a
 * Node server, and checks that no engine process outlives its run.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { withTimeout } from '@pp/conformance/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { GodotRunError, runGodot3, startGodot3, type GodotHandle } from '../../src/index.js';
import { describeWithGodot3 } from '../../src/vitest.js';

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** Child processes of this test process (the engines the harness spawned). */
function children(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter((line) => line.includes('godot'));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

describeWithGodot3('Godot 3.2.3 headless', () => {
  afterEach(() => {
    expect(children()).toEqual([]);
  });

  it('prints var2bytes(12345) and reads extra res:// files', async () => {
    const cases = Uint8Array.from([0, 1, 2, 0x25, 0x73, 0xff, 0x0a, 0x7c]);
    const run = await runGodot3({
      script: `extends SceneTree

func _init():
	var v = Engine.get_version_info()
	pp_emit_text("version", "%d.%d.%d-%s" % [v.major, v.minor, v.patch, v.status])
	pp_emit_var("int", 12345)
	var f = File.new()
	f.open("res://cases.bin", File.READ)
	pp_emit_bytes("file", f.get_buffer(f.get_len()))
	f.close()
	pp_emit_bytes("nested", pp_read_bytes("res://data/nested.txt"))
	pp_emit_text("text", "100%s %d é ✓ | PP|x|")
	pp_done()
`,
      files: { 'cases.bin': cases, 'data/nested.txt': 'héllo' },
    });
    console.info(`[godot3] run: boot ${run.timings.bootMs} ms, total ${run.timings.totalMs} ms`);
    expect(run.taggedText('version')).toEqual(['3.2.3-stable']);
    expect(run.taggedBytes('int')).toEqual([hex('02000000 39300000')]);
    expect(run.taggedBytes('file')).toEqual([cases]);
    expect(run.taggedBytes('nested')).toEqual([new TextEncoder().encode('héllo')]);
    expect(run.taggedText('text')).toEqual(['100%s %d é ✓ | PP|x|']);
    expect(run.lines[0]?.text).toMatch(/^Godot Engine v3\.2\.3\.stable/);
    expect(run.end).toBe('done');
    expect(run.exitCode).toBe(0);
    expect(run.log).toEqual([]);
  });

  it('runs twice in a row and in parallel', async () => {
    const script = (n: number): string => `extends SceneTree
var frames = 0

func _idle(_delta):
	frames += 1
	if frames == 3:
		pp_emit("n", ${n})
		pp_done()
`;
    const first = await runGodot3({ script: script(1) });
    const second = await runGodot3({ script: script(2) });
    const parallel = await Promise.all([3, 4, 5].map((n) => runGodot3({ script: script(n) })));
    expect([first, second, ...parallel].map((run) => run.payload('n'))).toEqual(['1', '2', '3', '4', '5']);
  });

  describe('live: the script connects to a Node TCP server', () => {
    let server: Server | undefined;
    let handle: GodotHandle | undefined;

    afterEach(async () => {
      await handle?.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
      handle = undefined;
    });

    it('sends bytes and a put_var over StreamPeerTCP and reads the reply', async () => {
      let socketReady: (socket: Socket) => void = () => undefined;
      const accepted = new Promise<Socket>((resolve) => (socketReady = resolve));
      server = createServer((socket) => socketReady(socket));
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;

      handle = await startGodot3({
        script: `extends SceneTree
var tcp = StreamPeerTCP.new()
var sent = false

func _init():
	pp_emit("connect", tcp.connect_to_host("127.0.0.1", ${port}))

func _idle(_delta):
	var status = tcp.get_status()
	if status == StreamPeerTCP.STATUS_ERROR:
		pp_fail("tcp error")
	elif status == StreamPeerTCP.STATUS_CONNECTED:
		if not sent:
			tcp.put_data(PoolByteArray([1, 2, 3, 255]))
			tcp.put_var(12345)
			sent = true
			pp_emit("sent")
		if tcp.get_available_bytes() >= 4:
			pp_emit_bytes("reply", tcp.get_data(4)[1])
			pp_done()
`,
        timeoutMs: 15_000,
      });
      expect(await handle.waitForTag('connect', 5_000)).toBe('0');
      const socket = await withTimeout(accepted, 5_000, 'the connection');
      await handle.waitForTag('sent', 5_000);
      const received = await withTimeout(new Promise<Uint8Array>((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => {
          chunks.push(chunk);
          const all = Buffer.concat(chunks);
          if (all.length >= 16) resolve(new Uint8Array(all));
        });
      }), 5_000, 'the bytes');
      expect(received).toEqual(hex('010203ff 08000000 02000000 39300000'));
      socket.end(Buffer.from([9, 8, 7, 6]));
      expect(await handle.waitForTag('reply', 5_000)).toBe('CQgHBg==');
      const run = await handle.finished;
      expect(run.end).toBe('done');
      expect(run.errors).toEqual([]);
    });
  });

  describe('failures are clear rejections, not hangs, and leave no process behind', () => {
    it('a parse error', async () => {
      const error = await runGodot3({ script: 'extends SceneTree\nfunc _init():\n\tprint("x"\n' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GodotRunError);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('script-error');
      expect(failure.message).toMatch(/Parse Error/);
      // The parser reports where it gave up: with the helpers appended, a few lines later.
      expect(failure.output.errors[0]?.location).toMatch(/^res:\/\/main\.gd:\d+$/);
    });

    it('a runtime error (Godot 3 reports them, then idles forever)', async () => {
      const error = await runGodot3({
        script: 'extends SceneTree\nfunc _init():\n\tvar a = null\n\ta.foo()\n',
      }).catch((e: unknown) => e);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('script-error');
      expect(failure.message).toMatch(/Nonexistent function 'foo'/);
    });

    it('a timeout kills the process', async () => {
      const error = await runGodot3({
        script: 'extends SceneTree\nfunc _init():\n\tpp_emit("alive")\n',
        timeoutMs: 1_500,
      }).catch((e: unknown) => e);
      expect((error as GodotRunError).reason).toBe('timeout');
      expect((error as GodotRunError).message).toMatch(/PP\|alive\|/);
    });

    it('a crash (the process dies by a signal)', async () => {
      const error = await runGodot3({
        script: 'extends SceneTree\nfunc _init():\n\tpp_emit("before")\n\tOS.kill(OS.get_process_id())\n',
      }).catch((e: unknown) => e);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('crash');
      expect(failure.message).toMatch(/killed by SIGKILL/);
      expect(failure.message).toMatch(/PP\|before\|/);
    });

    it('pp_fail(): exit code 1 and the message', async () => {
      const error = await runGodot3({
        script: 'extends SceneTree\nfunc _init():\n\tpush_error("bad thing")\n\tpp_fail("case 7 differs: 50% off")\n',
      }).catch((e: unknown) => e);
      const failure = error as GodotRunError;
      expect(failure.reason).toBe('exit-code');
      expect(failure.exitCode).toBe(1);
      expect(failure.message).toMatch(/case 7 differs: 50% off/);
      expect(failure.output.errors.map((e) => e.message)).toEqual(['call: bad thing']);
    });

    it('stop() kills a live run', async () => {
      const handle = await startGodot3({ script: 'extends SceneTree\nfunc _init():\n\tpp_emit("ready")\n' });
      await handle.waitForTag('ready', 5_000);
      await handle.stop();
      expect((await handle.finished).end).toBe('stopped');
    });
  });
});
