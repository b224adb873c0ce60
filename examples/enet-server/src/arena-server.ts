/**
 * An authoritative arena: players join over ENet, send their stick input, and the server moves
 * them and sends everyone the state every tick. Nothing a client says is trusted beyond its
 * input, which is clamped; anything else it sends is ignored.
 */
import { ErrorCode, TransferMode, VariantError, bytesToVar, systemClock, type Clock, type Variant, type Vector2 } from '@pp/core';
import { ENetMultiplayerPeer } from '@pp/enet';
import { ARENA, SPEED, TICK_MS, joined, left, parseInput, state, vector, welcome, type Input } from './protocol.js';

export interface ArenaOptions {
  /** Most players. @default 32 */
  maxPlayers?: number;
  /** Drives the ticks (a ManualClock in tests). @default systemClock */
  clock?: Clock;
  /** Where log lines go. @default nothing */
  log?: (line: string) => void;
}

/** A packet as a Variant, or null when it is not one. */
function decode(data: Uint8Array): Variant {
  try {
    return bytesToVar(data);
  } catch (error) {
    if (error instanceof VariantError) return null;
    throw error;
  }
}

interface Player {
  at: Vector2;
  input: Input;
}

export class ArenaServer {
  readonly peer: ENetMultiplayerPeer;
  readonly players = new Map<number, Player>();
  tick = 0;
  readonly #clock: Clock;
  readonly #log: (line: string) => void;
  readonly #maxPlayers: number;
  #timer: ReturnType<Clock['schedule']> | undefined;

  constructor(options: ArenaOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? (() => {});
    this.#maxPlayers = options.maxPlayers ?? 32;
    this.peer = new ENetMultiplayerPeer({ clock: this.#clock });
    this.peer.on('peerConnected', (id) => this.#join(id));
    this.peer.on('peerDisconnected', (id) => this.#leave(id));
    this.peer.on('packet', (data, info) => {
      const input = parseInput(decode(data));
      const player = this.players.get(info.peer);
      if (input !== undefined && player !== undefined) player.input = input;
    });
  }

  /** Listens on `port` (0: any; see `port`). */
  listen(port: number, bindIp = '*'): ErrorCode {
    this.peer.setBindIp(bindIp);
    const error = this.peer.createServer(port, this.#maxPlayers);
    if (error === ErrorCode.OK) this.#schedule();
    return error;
  }

  /** The bound port. */
  get port(): number {
    return this.peer.host?.getLocalPort() ?? 0;
  }

  close(): void {
    this.#clock.cancel(this.#timer);
    this.#timer = undefined;
    this.peer.close();
  }

  #send(message: Parameters<ENetMultiplayerPeer['putVar']>[0], target: number, mode: TransferMode): void {
    this.peer.setTargetPeer(target);
    this.peer.transferMode = mode;
    this.peer.putVar(message);
  }

  #join(id: number): void {
    const spawn = vector((id % 10) * (ARENA / 10), Math.floor((id / 10) % 10) * (ARENA / 10));
    this.players.set(id, { at: spawn, input: { dx: 0, dy: 0 } });
    this.#send(welcome(id, this.tick), id, TransferMode.RELIABLE);
    this.#send(joined(id), -id, TransferMode.RELIABLE);
    this.#log(`player ${id} joined (${this.players.size} playing)`);
  }

  #leave(id: number): void {
    if (!this.players.delete(id)) return;
    if (this.players.size > 0) this.#send(left(id), 0, TransferMode.RELIABLE);
    this.#log(`player ${id} left (${this.players.size} playing)`);
  }

  #schedule(): void {
    this.#timer = this.#clock.schedule(TICK_MS, () => {
      this.#step();
      this.#schedule();
    });
  }

  #step(): void {
    this.tick++;
    const step = (SPEED * TICK_MS) / 1000;
    const clamp = (v: number): number => Math.max(0, Math.min(ARENA, v));
    const positions = new Map<number, Vector2>();
    for (const [id, player] of this.players) {
      player.at = vector(clamp(player.at.x + player.input.dx * step), clamp(player.at.y + player.input.dy * step));
      positions.set(id, player.at);
    }
    if (this.players.size > 0) this.#send(state(this.tick, positions), 0, TransferMode.UNRELIABLE_ORDERED);
  }
}
