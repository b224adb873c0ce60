/**
 * Test certificates made with the `openssl` command line: a CA and a leaf it signs (RSA-2048 or
 * P-256, with subjectAltName), or a CN-only self-signed certificate like the ones Godot's
 * `Crypto` makes. Each kind is made once per process and kept in memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestKeyType = 'rsa' | 'ec';

/** PEM text of a CA, a leaf it issued, and their keys. */
export interface TestChain {
  readonly caCert: string;
  readonly caKey: string;
  /** The leaf (subject CN = the first DNS name). */
  readonly cert: string;
  readonly key: string;
}

export interface TestChainOptions {
  readonly keyType?: TestKeyType;
  /** DNS names (first is the CN). @default ['localhost'] */
  readonly dnsNames?: readonly string[];
  /** IP addresses in the subjectAltName. @default ['127.0.0.1'] */
  readonly ipAddresses?: readonly string[];
  /** Leave out subjectAltName: the CN is the only name. @default false */
  readonly cnOnly?: boolean;
  /** Validity of the leaf in days. @default 30 */
  readonly days?: number;
}

const cache = new Map<string, TestChain>();

const keyArgs = (type: TestKeyType): string[] =>
  type === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

/** Runs openssl in a temporary folder and returns the files it wrote. */
function inTemp<T>(body: (dir: string, run: (...args: string[]) => void) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pp-openssl-'));
  try {
    return body(dir, (...args) => {
      execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CA and a leaf for `localhost` / `127.0.0.1` (cached per options). */
export function makeTestChain(options: TestChainOptions = {}): TestChain {
  const keyType = options.keyType ?? 'ec';
  const dns = options.dnsNames ?? ['localhost'];
  const ips = options.ipAddresses ?? ['127.0.0.1'];
  const id = JSON.stringify([keyType, dns, ips, options.cnOnly ?? false, options.days ?? 30]);
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const chain = inTemp((dir, run) => {
    run('req', '-x509', ...keyArgs(keyType), '-nodes', '-days', '365', '-subj', '/CN=pp test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout', 'ca.key', '-out', 'ca.crt');
    run('req', ...keyArgs(keyType), '-nodes', '-subj', `/CN=${dns[0] ?? 'localhost'}`, '-keyout', 'leaf.key', '-out', 'leaf.csr');
    const names = [...dns.map((name) => `DNS:${name}`), ...ips.map((ip) => `IP:${ip}`)];
    const extensions = ['basicConstraints=CA:FALSE', 'extendedKeyUsage=serverAuth'];
    if (!(options.cnOnly ?? false) && names.length > 0) extensions.push(`subjectAltName=${names.join(',')}`);
    writeFileSync(join(dir, 'leaf.ext'), extensions.join('\n') + '\n');
    run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
      '-days', String(options.days ?? 30), '-extfile', 'leaf.ext', '-out', 'leaf.crt');
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return { caCert: read('ca.crt'), caKey: read('ca.key'), cert: read('leaf.crt'), key: read('leaf.key') };
  });
  cache.set(id, chain);
  return chain;
}

/** A self-signed certificate with only a CN (what Godot's `Crypto.generate_self_signed_certificate` makes). */
export function makeSelfSigned(commonName = 'localhost', keyType: TestKeyType = 'rsa'): { cert: string; key: string } {
  const id = `self:${commonName}:${keyType}`;
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const made = inTemp((dir, run) => {
    run('req', '-x509', ...keyArgs(keyType), '-nodes', '-days', '30', '-subj', `/CN=${commonName}`, '-keyout', 'k.pem', '-out', 'c.pem');
    return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
  });
  cache.set(id, { ...made, caCert: made.cert, caKey: made.key });
  return made;
}
