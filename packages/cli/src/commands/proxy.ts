/** `pp proxy <tcp|udp|ws|enet>`: the transparent inspector between a Godot game and its server. */
import { formatHostPort, parse, parseCompression, parseCount, parseFormat, parseHostPort } from '../args.js';
import { EXIT_CODES_HELP, ExitCode, IOFailure, UsageError } from '../exit-codes.js';
import { type CliIO, write } from '../io.js';
import type { Transport } from '../proxy/events.js';
import { Recorder, Totals, logSink } from '../proxy/outputs.js';
import { describeProxy, startProxy } from '../proxy/start.js';
import { startUi } from '../ui/server.js';

export const PROXY_HELP = `Usage: pp proxy <tcp|udp|ws|enet> --listen HOST:PORT --target HOST:PORT [options]

A transparent man-in-the-middle between a Godot game and its server: point the game at
--listen, and every packet is forwarded to --target unchanged and printed decoded (time,
direction C→S game to server or S→C back, peer, transport and frame type, size, Godot type and
value). Undecodable packets are shown as hex with the reason, never dropped.

  tcp   PacketPeerStream / StreamPeer.put_var frames (u32 length + Variant)
  udp   PacketPeerUDP datagrams, one Variant each
  ws    WebSocketPeer / WebSocketMultiplayerPeer messages (text messages shown as text)
  enet  ENetMultiplayerPeer / NetworkedMultiplayerENet / ENetConnection, and C libenet: every
        datagram relayed unchanged and read passively; each packet shown once, reassembled,
        with its ENet channel, flags and sequence number, and as Godot sees it (peer ids,
        transfer mode and channel; Godot 3's [source][target] header with --format godot3);
        the handshake, disconnections, and retransmitted or duplicated datagrams marked

Options:
  --listen HOST:PORT         where the game connects (PORT 0: any free port, printed)
  --target HOST:PORT         the real server
  --format godot4|godot3     the Variant format spoken (default godot4)
  --json                     one JSON line per event (packets with their bytes as hex)
  --record FILE              also save the session (read it back with pp replay FILE)
  --ui                       serve the live inspector page on 127.0.0.1 (URL printed)
  --ui-port N                its port (default: any free port)
  --protocol NAME            WebSocket sub-protocol to offer on both sides (repeatable)
  --max-frame N              largest TCP frame taken as PacketPeerStream framing (default 16777216)
  --max-chars N              cut logged values to N characters (default 160; 0: no cut)
  --compress MODE            enet: the game's compression_mode: auto (default: found in the
                             traffic), none, range-coder, fastlz, zlib, zstd
  --checksum                 enet: datagrams carry ENet's CRC32 (C apps with enet_crc32)
  --enet-commands            enet: also print every datagram's commands (acks, pings…)
  --max-packet N             enet: largest packet reassembled (default 33554432, ENet's)
  --quiet                    no packet log (with --ui or --record)
  -h, --help                 this help

Stop with Ctrl-C: a summary (connections, packets and bytes per direction, types) is printed.
Examples:
  pp proxy ws --listen 127.0.0.1:9080 --target 127.0.0.1:9081 --ui
  pp proxy enet --listen 127.0.0.1:7000 --target 127.0.0.1:7001 --format godot3

${EXIT_CODES_HELP}`;

interface ProxyValues {
  listen?: string;
  target?: string;
  format?: string;
  json?: boolean;
  record?: string;
  ui?: boolean;
  'ui-port'?: string;
  protocol?: string[];
  'max-frame'?: string;
  'max-chars'?: string;
  compress?: string;
  checksum?: boolean;
  'enet-commands'?: boolean;
  'max-packet'?: string;
  quiet?: boolean;
  help?: boolean;
}

const OPTIONS = {
  listen: { type: 'string' },
  target: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  record: { type: 'string' },
  ui: { type: 'boolean' },
  'ui-port': { type: 'string' },
  protocol: { type: 'string', multiple: true },
  'max-frame': { type: 'string' },
  'max-chars': { type: 'string' },
  compress: { type: 'string' },
  checksum: { type: 'boolean' },
  'enet-commands': { type: 'boolean' },
  'max-packet': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TRANSPORTS: readonly Transport[] = ['tcp', 'udp', 'ws', 'enet'];

export async function proxyCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parse<ProxyValues>(args, OPTIONS);
  if (values.help) {
    write(io.stdout, PROXY_HELP);
    return ExitCode.OK;
  }
  const transport = positionals[0] as Transport | undefined;
  if (!transport || !TRANSPORTS.includes(transport)) throw new UsageError(`pp proxy needs a transport: tcp, udp, ws or enet${transport ? `, not '${transport}'` : ''}`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  const listen = parseHostPort(values.listen, '--listen');
  const target = parseHostPort(values.target, '--target');
  const format = parseFormat(values.format);
  const maxChars = parseCount(values['max-chars'], '--max-chars', 160) || Infinity;
  const compression = parseCompression(values.compress);
  const maxFrame = parseCount(values['max-frame'], '--max-frame', 16 * 1024 * 1024);
  const maxPacketSize = parseCount(values['max-packet'], '--max-packet', 32 * 1024 * 1024);

  let proxy;
  try {
    proxy = await startProxy({
      transport, listen, target, format,
      maxFrame,
      protocols: values.protocol ?? [],
      compression,
      checksum: values.checksum ?? false,
      enetCommands: values['enet-commands'] ?? false,
      maxPacketSize,
    });
  } catch (error) {
    throw new IOFailure(`cannot listen on ${transport} ${formatHostPort(listen)}: ${(error as Error).message}`);
  }
  const totals = new Totals();
  proxy.addSink(totals.sink);
  const label = describeProxy(proxy);
  let recorder: Recorder | null = null;
  let ui = null;
  try {
    if (values.record !== undefined) {
      recorder = new Recorder(values.record, {
        pp: 'record', version: 1, transport, format, listen: formatHostPort(proxy.address), target: formatHostPort(target), started: new Date().toISOString(),
      });
      await recorder.opened().catch((error: Error) => {
        throw new IOFailure(`cannot write ${values.record}: ${error.message}`);
      });
      proxy.addSink(recorder.sink);
    }
    if (values.ui) ui = await startUi({ title: label, port: parseCount(values['ui-port'], '--ui-port', 0), enet: transport === 'enet' });
  } catch (error) {
    await proxy.close();
    await recorder?.close();
    throw error instanceof IOFailure ? error : new IOFailure((error as Error).message);
  }
  if (ui) proxy.addSink(ui.sink);
  if (!values.quiet) proxy.addSink(logSink(io.stdout, values.json ?? false, maxChars));

  if (values.json) {
    write(io.stdout, JSON.stringify({ kind: 'listening', transport, listen: formatHostPort(proxy.address), target: formatHostPort(target), format, ui: ui?.url ?? null }));
  }
  write(io.stderr, `${label} (${format})${ui ? `\ninspector: ${ui.url}` : ''}\nwaiting for the game; Ctrl-C to stop`);

  await io.interrupted;
  await proxy.close();
  await ui?.close();
  await recorder?.close();
  write(io.stderr, totals.summary(label));
  return ExitCode.OK;
}
