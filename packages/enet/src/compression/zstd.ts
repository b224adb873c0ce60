/**
 * Zstandard for ENet's `COMPRESS_ZSTD`. Node 22.15+ has zstd in `node:zlib` and that is used;
 * on older Node (20 is supported) the `@hpcc-js/wasm-zstd` package (zstd 1.5.7, the version
 * Godot 4 bundles, as WebAssembly: no build step) is loaded on first use. Its compiler is
 * asynchronous, so until `loadZstd()` resolves the compressor sends datagrams uncompressed
 * (always valid in ENet) and drops compressed ones it receives (ENet resends reliable data).
 */
import * as zlib from 'node:zlib';

/** The zstd implementation in use: `node:zlib`'s on Node 22.15+, else `@hpcc-js/wasm-zstd`. */
export interface ZstdBackend {
  /** Which implementation: `node:zlib` or `@hpcc-js/wasm-zstd (zstd <version>)`. */
  readonly name: string;
  /** One zstd frame of `input` at `level`. */
  compress(input: Uint8Array, level: number): Uint8Array;
  /** At most `limit` bytes; throws (or returns null) on corrupt or oversized input. */
  decompress(input: Uint8Array, limit: number): Uint8Array | null;
}

type NodeZstd = {
  zstdCompressSync(input: Uint8Array, options: { params: Record<number, number> }): Buffer;
  zstdDecompressSync(input: Uint8Array, options: { maxOutputLength: number }): Buffer;
  constants: Record<string, number>;
};

function nodeBackend(): ZstdBackend | null {
  const z = zlib as unknown as Partial<NodeZstd>;
  if (typeof z.zstdCompressSync !== 'function' || typeof z.zstdDecompressSync !== 'function') return null;
  const levelParam = z.constants?.['ZSTD_c_compressionLevel'] ?? 100;
  return {
    name: 'node:zlib',
    compress: (input, level) => {
      const out = (z as NodeZstd).zstdCompressSync(input, { params: { [levelParam]: level } });
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
    decompress: (input, limit) => {
      const out = (z as NodeZstd).zstdDecompressSync(input, { maxOutputLength: limit });
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
  };
}

/**
 * The content size a zstd frame header declares, or -1 when the input is not one plain frame
 * with a declared size. Checked before the wasm decoder allocates, since it sizes its output
 * from this field.
 */
export function zstdFrameContentSize(input: Uint8Array): number {
  if (input.length < 6) return -1;
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (view.getUint32(0, true) !== 0xfd2fb528) return -1;
  const descriptor = input[4] as number;
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
  const at = 5 + (singleSegment === 0 ? 1 : 0) + dictionaryBytes;
  const fcsBytes = fcsFlag === 0 ? singleSegment : [1, 2, 4, 8][fcsFlag] as number;
  if (fcsBytes === 0 || at + fcsBytes > input.length) return -1;
  switch (fcsBytes) {
    case 1:
      return input[at] as number;
    case 2:
      return view.getUint16(at, true) + 256;
    case 4:
      return view.getUint32(at, true);
    default:
      return view.getUint32(at + 4, true) !== 0 ? Number.MAX_SAFE_INTEGER : view.getUint32(at, true);
  }
}

let backend: ZstdBackend | null = nodeBackend();
let loading: Promise<ZstdBackend> | null = null;

/** The zstd implementation if it is ready now (always on Node 22.15+). */
export function zstdBackend(): ZstdBackend | null {
  return backend;
}

/** Makes zstd ready (loads the WebAssembly build on older Node); resolves with the backend. */
export function loadZstd(): Promise<ZstdBackend> {
  if (backend !== null) return Promise.resolve(backend);
  loading ??= import('@hpcc-js/wasm-zstd').then(async ({ Zstd }) => {
    const wasm = await Zstd.load();
    const loaded: ZstdBackend = {
      name: `@hpcc-js/wasm-zstd (zstd ${wasm.version()})`,
      compress: (input, level) => wasm.compress(input, level),
      decompress: (input, limit) => {
        const size = zstdFrameContentSize(input);
        if (size < 0 || size > limit) return null;
        const out = wasm.decompress(input);
        return out.length <= limit ? out : null;
      },
    };
    backend = loaded;
    return loaded;
  });
  return loading;
}
