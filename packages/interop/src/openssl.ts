/**
 * Runs the `openssl` command line as a real DTLS peer: `s_server -dtls1_2` and
 * `s_client -dtls1_2` on 127.0.0.1, with their certificates written to a temporary folder.
 * Output (stdout and stderr) is collected so tests can wait for lines, and stdin carries data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerAvailability } from './availability.js';
import { onProcessExit } from './cleanup.js';
import { freeUdpPort } from './ports.js';

let availability: PeerAvailability | undefined;

/** Checks for `openssl` 3 on the `PATH` (cached). */
export function opensslAvailability(): PeerAvailability {
  if (availability !== undefined) return availability;
  const result = spawnSync('openssl', ['version'], { encoding: 'utf8', timeout: 10_000 });
  const version = /OpenSSL (\d+\.\d+\.\d+)/.exec(result.stdout ?? '')?.[1];
  availability = version === undefined
    ? { available: false, found: '', missing: 'OpenSSL peer unavailable: missing openssl (apt-get install -y openssl)' }
    : { available: true, found: `openssl ${version}`, missing: undefined };
  return availability;
}

/** A running openssl process. */
export interface OpensslProcess {
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
  /** Resolves when the output matches `pattern`; rejects after `timeoutMs` or on exit. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Writes to its stdin. */
  write(data: string | Uint8Array): void;
  /** Closes its stdin (s_client then sends close_notify and exits). */
  end(): void;
  /** Resolves with the exit code once it exited. */
  readonly exited: Promise<number | null>;
  /** Kills it and removes its folder. */
  stop(): Promise<void>;
}

export interface OpensslDtlsServerOptions {
  readonly cert: string;
  readonly key: string;
  /** Extra certificates sent after the leaf (`-cert_chain`). */
  readonly chain?: string;
  /** Stateless cookie exchange (`-listen`). @default false */
  readonly listen?: boolean;
  /** `-mtu`: the largest datagram; flights are fragmented to fit. */
  readonly mtu?: number;
  readonly extraArgs?: readonly string[];
}

export interface OpensslDtlsClientOptions {
  readonly port: number;
  /** CA file to verify with (`-CAfile`), and `-verify_return_error` so a bad chain fails. */
  readonly ca?: string;
  /** `-verify_hostname` (and `-servername`). */
  readonly hostname?: string;
  readonly extraArgs?: readonly string[];
}

/** `openssl s_server -dtls1_2` on 127.0.0.1; resolves once it listens. */
export async function startOpensslDtlsServer(options: OpensslDtlsServerOptions): Promise<OpensslProcess & { port: number }> {
  const port = await freeUdpPort();
  const files: Record<string, string> = { 'cert.pem': options.cert, 'key.pem': options.key };
  const args = ['s_server', '-dtls1_2', '-accept', `127.0.0.1:${port}`, '-cert', 'cert.pem', '-key', 'key.pem'];
  if (options.chain !== undefined) {
    files['chain.pem'] = options.chain;
    args.push('-cert_chain', 'chain.pem');
  }
  if (options.listen ?? false) args.push('-listen');
  if (options.mtu !== undefined) args.push('-mtu', String(options.mtu));
  args.push(...(options.extraArgs ?? []));
  const server = startOpenssl(args, files);
  await server.waitFor(/ACCEPT/, 10_000);
  return Object.assign(server, { port });
}

/** `openssl s_client -dtls1_2` to 127.0.0.1:`port`. */
export function startOpensslDtlsClient(options: OpensslDtlsClientOptions): OpensslProcess {
  const files: Record<string, string> = {};
  const args = ['s_client', '-dtls1_2', '-connect', `127.0.0.1:${options.port}`];
  if (options.ca !== undefined) {
    files['ca.pem'] = options.ca;
    args.push('-CAfile', 'ca.pem', '-verify_return_error');
  }
  if (options.hostname !== undefined) args.push('-verify_hostname', options.hostname, '-servername', options.hostname);
  args.push(...(options.extraArgs ?? []));
  return startOpenssl(args, files);
}

/** Spawns `openssl` with `args` in a temporary folder holding `files`. */
export function startOpenssl(args: readonly string[], files: Record<string, string>): OpensslProcess {
  const dir = mkdtempSync(join(tmpdir(), 'pp-openssl-run-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const child: ChildProcess = spawn('openssl', args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString('latin1');
    for (const listener of [...listeners]) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.stdin?.on('error', () => undefined);
  let exitedFlag = false;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      output += `\n[spawn error] ${error.message}\n`;
      exitedFlag = true;
      resolve(null);
    });
    child.on('exit', (code) => {
      exitedFlag = true;
      for (const listener of [...listeners]) listener();
      resolve(code);
    });
  });
  const cleanup = (): void => {
    if (!exitedFlag) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const untrack = onProcessExit(cleanup);
  return {
    output: () => output,
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match !== null) {
            done();
            resolve(match);
          } else if (exitedFlag) {
            done();
            reject(new Error(`openssl exited before printing ${pattern}; output:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`openssl did not print ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    write(data) {
      child.stdin?.write(data);
    },
    end() {
      child.stdin?.end();
    },
    exited,
    async stop() {
      if (!exitedFlag) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      }
      cleanup();
      untrack();
    },
  };
}
