/**
 * Godot's `WebRTCPeerConnection.initialize(configuration)` dictionary, checked once for both
 * platforms. Browsers take `iceServers` as they are (Godot's web build hands the dictionary to
 * `new RTCPeerConnection`); Node.js reads the URLs itself and also takes libdatachannel's
 * settings, at the top level or, as Godot's native extension reads them, under
 * `"libdatachannel"`.
 */
import { ErrorCode, GodotError, checkBoolean, checkInt } from '@pp/core';
import { DEFAULT_LOCAL_MAX_MESSAGE_SIZE } from './constants.js';

/** One entry of `iceServers`, with the keys Godot (and the browser) read. */
export interface IceServer {
  /** `stun:host[:port]`, `turn:host[:port][?transport=udp|tcp]` or `turns:host[:port]`, one or several. */
  urls: string | readonly string[];
  /** TURN user name. */
  username?: string;
  /** TURN password. */
  credential?: string;
}

/** Settings of libdatachannel, the library under Node.js (ignored by browsers). */
export interface LibDataChannelSettings {
  /**
   * The address ICE binds its UDP sockets to, so candidates are only gathered there; tests use
   * `'127.0.0.1'`.
   * @default every interface
   */
  bindAddress?: string;
  /** Lowest local UDP port ICE may use (with `portRangeEnd`). @default 1024 */
  portRangeBegin?: number;
  /** Highest local UDP port ICE may use. @default 65535 */
  portRangeEnd?: number;
  /** Also gather ICE-TCP candidates. @default false */
  enableIceTcp?: boolean;
  /** Share one UDP port between all connections (ICE UDP mux). @default false */
  enableIceUdpMux?: boolean;
  /**
   * The largest message this side accepts, advertised as `a=max-message-size`.
   * @default 262144
   */
  maxMessageSize?: number;
  /** The path MTU libdatachannel assumes, in bytes. @default 1280 */
  mtu?: number;
}

/** Godot's configuration dictionary, plus the Node.js settings. */
export interface WebRTCConfiguration extends LibDataChannelSettings {
  /** STUN and TURN servers. @default [] */
  iceServers?: readonly IceServer[];
  /** The Node.js settings as Godot's native extension reads them (the top-level keys win). */
  libdatachannel?: LibDataChannelSettings;
}

/** A STUN or TURN server URL, read. */
export interface IceServerUrl {
  readonly kind: 'stun' | 'turn';
  /** `'udp'`, `'tcp'`, or `'tls'` (for `turns:`). */
  readonly transport: 'udp' | 'tcp' | 'tls';
  readonly hostname: string;
  readonly port: number;
  readonly username: string;
  readonly credential: string;
  /** The URL as given. */
  readonly url: string;
}

/** What a platform needs to open a connection. */
export interface RtcSettings {
  /** The entries of `iceServers` as given (browsers take them unchanged). */
  readonly iceServers: readonly IceServer[];
  /** Every URL of `iceServers`, read (Node.js). */
  readonly iceServerUrls: readonly IceServerUrl[];
  readonly bindAddress: string | undefined;
  readonly portRangeBegin: number | undefined;
  readonly portRangeEnd: number | undefined;
  readonly enableIceTcp: boolean;
  readonly enableIceUdpMux: boolean;
  readonly maxMessageSize: number;
  readonly mtu: number | undefined;
}

const DEFAULT_PORTS = { stun: 3478, stuns: 5349, turn: 3478, turns: 5349 } as const;
type Scheme = keyof typeof DEFAULT_PORTS;

function invalid(message: string): GodotError {
  return new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid WebRTC configuration: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one `stun:`/`turn:`/`turns:` URL (RFC 7064 / 7065), as libdatachannel would. */
export function parseIceServerUrl(url: string, username = '', credential = ''): IceServerUrl {
  const match = /^(stuns?|turns?):(?:\/\/)?(\[[0-9a-fA-F:.]+\]|[^\s:/?#[\]]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/i.exec(url);
  if (match === null) throw invalid(`${JSON.stringify(url)} is not a stun:, turn: or turns: URL`);
  const scheme = (match[1] as string).toLowerCase() as Scheme;
  if (scheme === 'stuns') throw invalid(`${JSON.stringify(url)}: STUN over TLS (stuns:) is not supported`);
  const host = match[2] as string;
  const port = match[3] === undefined ? DEFAULT_PORTS[scheme] : Number(match[3]);
  if (port < 1 || port > 65535) throw invalid(`${JSON.stringify(url)}: port out of range`);
  const requested = match[4]?.toLowerCase() as 'udp' | 'tcp' | undefined;
  if (scheme === 'stun' && requested === 'tcp') throw invalid(`${JSON.stringify(url)}: STUN over TCP is not supported`);
  const transport = scheme === 'turns' ? 'tls' : requested ?? 'udp';
  return {
    kind: scheme === 'stun' ? 'stun' : 'turn',
    transport,
    hostname: host.startsWith('[') ? host.slice(1, -1) : host,
    port,
    username,
    credential,
    url,
  };
}

function readIceServers(value: unknown): { servers: IceServer[]; urls: IceServerUrl[] } {
  if (value === undefined) return { servers: [], urls: [] };
  if (!Array.isArray(value)) throw invalid('"iceServers" must be an array');
  const servers: IceServer[] = [];
  const urls: IceServerUrl[] = [];
  for (const [index, entry] of (value as unknown[]).entries()) {
    if (!isObject(entry)) throw invalid(`iceServers[${index}] must be a dictionary`);
    const { urls: given, username, credential } = entry;
    const list = typeof given === 'string' ? [given] : given;
    if (!Array.isArray(list) || list.length === 0 || !list.every((url) => typeof url === 'string')) {
      throw invalid(`iceServers[${index}].urls must be a URL or an array of URLs`);
    }
    // Godot only reads string credentials and ignores anything else.
    const user = typeof username === 'string' ? username : '';
    const password = typeof credential === 'string' ? credential : '';
    for (const url of list as string[]) urls.push(parseIceServerUrl(url, user, password));
    servers.push({
      urls: typeof given === 'string' ? given : [...(list as string[])],
      ...(typeof username === 'string' ? { username } : {}),
      ...(typeof credential === 'string' ? { credential } : {}),
    });
  }
  return { servers, urls };
}

function readInt(source: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = source[key];
  return value === undefined ? undefined : checkInt(`WebRTC configuration "${key}"`, value as number, { min, max });
}

function readFlag(source: Record<string, unknown>, key: string): boolean | undefined {
  const value = source[key];
  return value === undefined ? undefined : checkBoolean(`WebRTC configuration "${key}"`, value as boolean);
}

/**
 * Checks Godot's configuration dictionary (and the Node.js settings).
 * @throws {GodotError} `ERR_INVALID_PARAMETER` naming what is wrong.
 */
export function readConfiguration(configuration: WebRTCConfiguration = {}): RtcSettings {
  if (!isObject(configuration)) throw invalid('the configuration must be a dictionary');
  const { servers, urls } = readIceServers(configuration.iceServers);
  const nested = configuration.libdatachannel;
  if (nested !== undefined && !isObject(nested)) throw invalid('"libdatachannel" must be a dictionary');
  // Top-level keys win over the nested ones.
  const source: Record<string, unknown> = { ...(nested ?? {}) };
  for (const [key, value] of Object.entries(configuration)) if (value !== undefined && key !== 'libdatachannel') source[key] = value;
  const bindAddress = source['bindAddress'];
  if (bindAddress !== undefined && (typeof bindAddress !== 'string' || bindAddress === '')) {
    throw invalid('"bindAddress" must be an IP address');
  }
  const portRangeBegin = readInt(source, 'portRangeBegin', 1, 65535);
  const portRangeEnd = readInt(source, 'portRangeEnd', 1, 65535);
  if (portRangeBegin !== undefined && portRangeEnd !== undefined && portRangeBegin > portRangeEnd) {
    throw invalid(`"portRangeBegin" (${portRangeBegin}) is above "portRangeEnd" (${portRangeEnd})`);
  }
  return {
    iceServers: servers,
    iceServerUrls: urls,
    bindAddress: bindAddress as string | undefined,
    portRangeBegin,
    portRangeEnd,
    enableIceTcp: readFlag(source, 'enableIceTcp') ?? false,
    enableIceUdpMux: readFlag(source, 'enableIceUdpMux') ?? false,
    maxMessageSize: readInt(source, 'maxMessageSize', 1024, 2 ** 30) ?? DEFAULT_LOCAL_MAX_MESSAGE_SIZE,
    mtu: readInt(source, 'mtu', 576, 65535),
  };
}
