/**
 * The floor of PacketPeerStream over TCP: the least raw `node:net` code with its semantics. Each
 * frame (u32 little-endian length + payload) is copied out of the chunks Node read into an array
 * of its own (the packet belongs to the caller, as Godot's `get_packet` copies out of its ring).
 * The poll style also keeps Godot's bound: frames wait in a queue of at most
 * `input_buffer_max_size` + 4 rounded to a power of two (65536) bytes, headers included, and at
 * most 64 KiB of unread chunks (StreamPeerTCP's `readBufferSize`) before the socket pauses; the
 * reader wakes on a promise and takes what is queued.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { FloorQueue, pollFloor } from './floor-queue.js';
import { windowedFlow, type Flow, type FlowCase } from './measure-async.js';

/** Godot's default PacketPeerStream ring: nextPowerOfTwo(65532 + 4). */
const RING_BYTES = 65536;
/** StreamPeerTCP's default `readBufferSize`: unread bytes before reading pauses. */
const READ_BUFFER = 65536;

/** Received chunks, cut into frames copied out of them. */
class FrameCutter {
  readonly #chunks: Buffer[] = [];
  #offset = 0;
  available = 0;

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.available += chunk.length;
  }

  /** The next frame's payload length, or -1 while its header or payload has not all arrived. */
  completeLength(): number {
    if (this.available < 4) return -1;
    const first = this.#chunks[0] as Buffer;
    let length: number;
    if (first.length - this.#offset >= 4) {
      length = first.readUInt32LE(this.#offset);
    } else {
      const header = Buffer.allocUnsafe(4);
      this.#copy(header, false);
      length = header.readUInt32LE(0);
    }
    return this.available >= 4 + length ? length : -1;
  }

  /** Takes the complete frame of `length` bytes: its payload, copied (Node's pooled allocation for small ones). */
  take(length: number): Uint8Array {
    const payload = Buffer.allocUnsafe(length);
    const first = this.#chunks[0] as Buffer;
    const start = this.#offset + 4;
    if (first.length >= start + length) {
      first.copy(payload, 0, start, start + length);
      this.#skip(4 + length);
      return payload;
    }
    this.#skip(4);
    this.#copy(payload, true);
    return payload;
  }

  #skip(n: number): void {
    this.available -= n;
    const first = this.#chunks[0] as Buffer;
    if (first.length - this.#offset > n) {
      this.#offset += n;
      return;
    }
    while (n > 0) {
      const first = this.#chunks[0] as Buffer;
      const step = Math.min(n, first.length - this.#offset);
      this.#offset += step;
      n -= step;
      if (this.#offset === first.length) {
        this.#chunks.shift();
        this.#offset = 0;
      }
    }
  }

  #copy(target: Uint8Array, consume: boolean): void {
    let filled = 0;
    let index = 0;
    let offset = this.#offset;
    while (filled < target.length) {
      const chunk = this.#chunks[index] as Buffer;
      const step = Math.min(target.length - filled, chunk.length - offset);
      target.set(chunk.subarray(offset, offset + step), filled);
      filled += step;
      offset += step;
      if (offset === chunk.length) {
        index++;
        offset = 0;
      }
    }
    if (consume) this.#skip(target.length);
  }
}

/**
 * Starts `server` on loopback and connects a client that keeps `window` frames of `size` bytes in
 * flight (u32 little-endian length + payload, written by hand).
 */
export async function framedSender(server: Server, size: number, window: number): Promise<{ client: Socket } & ReturnType<typeof windowedFlow>> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const client: Socket = await new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => resolve(socket));
  });
  const payload = Buffer.alloc(size, 7);
  const { flow, done } = windowedFlow(window, () => {
    const frame = Buffer.allocUnsafe(4 + size);
    frame.writeUInt32LE(size, 0);
    payload.copy(frame, 4);
    client.write(frame);
  });
  return { client, flow, done };
}

/** The floor case, in the packet event style (`poll` false) or the poll style. */
export function streamFloor(size: number, window: number, poll: boolean): FlowCase {
  return {
    name: `floor: raw node:net, frames copied out${poll ? ', 64 KiB-bounded queue → promise wake' : ''}, ${size} B packets`,
    bytes: size,
    async open(): Promise<Flow> {
      let onFrame = (): void => undefined;
      const queue = new FloorQueue<Uint8Array>();
      let reading: Promise<void> | undefined;
      const server: Server = createServer((socket) => {
        const cutter = new FrameCutter();
        let queued = 0;
        let paused = false;
        // Moves complete frames into the queue while it has room (event style: to the reader).
        const cut = (): void => {
          for (let length = cutter.completeLength(); length !== -1; length = cutter.completeLength()) {
            if (poll && queued + 4 + length > RING_BYTES) break;
            const frame = cutter.take(length);
            if (!poll) {
              onFrame();
              continue;
            }
            queued += 4 + frame.length;
            queue.push(frame);
          }
          if (!paused && cutter.available >= READ_BUFFER) {
            paused = true;
            socket.pause();
          } else if (paused && cutter.available < READ_BUFFER) {
            paused = false;
            socket.resume();
          }
        };
        socket.on('data', (chunk: Buffer) => {
          cutter.push(chunk);
          cut();
        });
        if (poll) {
          reading = pollFloor(queue, (frame) => {
            queued -= 4 + frame.length;
            onFrame();
          }, cut);
        }
      });
      const { client, flow, done } = await framedSender(server, size, window);
      onFrame = done;
      return {
        run: flow.run,
        close: async () => {
          queue.close();
          client.destroy();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await reading;
        },
      };
    },
  };
}
