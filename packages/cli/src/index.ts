export { main, MAIN_HELP, VERSION } from './main.js';
export type { CliIO } from './io.js';
export { ExitCode, IOFailure, UsageError } from './exit-codes.js';
export { startProxy, describeProxy, type ProxyHandle, type ProxyOptions } from './proxy/start.js';
export type {
  ConnectionEvent, Direction, EnetPacketInfo, FrameKind, GodotPacketInfo, PacketEvent, ProtocolEvent, ProxyEvent, RawPacket, Transport, TransferModeName,
} from './proxy/events.js';
export { EnetObserver, type EnetObserverOptions, type EnetReporter } from './enet/observer.js';
export type { CompressionChoice } from './enet/decompression.js';
export { Recorder, Totals, eventJson, formatEventLine } from './proxy/outputs.js';
export { startUi, type UiOptions, type UiServer } from './ui/server.js';
export { decodeBytes, typeName, oneLine, type Decoded, type DecodeFailure } from './values.js';
