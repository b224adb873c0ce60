/**
 * `@pp/conformance/testing`: the helpers every package's tests use — waits with deadlines, event
 * waits, seeded payloads, a scope that closes what a test opened and fails on leaked sockets,
 * heap figures after garbage collection — and core's deterministic time and network
 * (`ManualClock`, the seeded lossy `MemoryNetwork`).
 */
export { nextEvent, pattern, until, withTimeout, type Once } from './waits.js';
export { useScope, type Scope, type ScopeOptions } from './scope.js';
export { settledHeap, whenSteady } from './heap.js';
export {
  ManualClock, MemoryEndpoint, MemoryNetwork, createLossyPair, seededRandom, type LinkConditions, type MemoryNetworkOptions,
  type MemoryNetworkStats,
} from '@pp/core';
export { GODOT3_VALUES, GODOT4_VALUES } from './variants.js';
export { expectPlainPackets } from './plain-packets.js';
