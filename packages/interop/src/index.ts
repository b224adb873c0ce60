export {
  ENV, GODOT4_WEB_PACKAGE, findChromium, findGodot3, findGodot4Web, type Godot4WebFiles,
} from './binaries.js';
export {
  godot3Availability, godot3Available, godot4Availability, godot4Available, realPeersRequired,
  type PeerAvailability,
} from './availability.js';
export { GodotRunError, type GodotFailure } from './errors.js';
export { GODOT3_HELPERS, GODOT4_HELPERS, withHelpers } from './gdscript.js';
export {
  HARMLESS_GODOT_ERRORS, GodotLogParser, formatLogEntry, type GodotLogEntry, type GodotLogSeverity,
} from './godot-log.js';
export { runGodot3, shutdownGodot3, startGodot3, godot3ProjectFiles, type Godot3Options } from './godot3.js';
export { GODOT4_ARGS, runGodot4, startGodot4, godot4ProjectFiles, type Godot4Options } from './godot4.js';
export { CHROMIUM_FLAGS, GODOT4_IDLE_CLOSE_MS, shutdownGodot4 } from './godot4-host.js';
export { GodotOutput, type GodotOutputLine, type GodotOutputView, type GodotStream } from './output.js';
export {
  PCK_ALIGNMENT, PCK_FILE_BASE, PCK_FORMAT_VERSION, PCK_REL_FILEBASE, writePck, type PckEngineVersion,
} from './pck.js';
export {
  DONE_TAG, FAIL_TAG, PP_PREFIX, decodeBase64, decodeBase64Text, encodeBase64, parseTaggedLine,
  type TaggedLine,
} from './protocol.js';
export { ENGINE_LABEL, type GodotEngineName, type GodotRun, type GodotRunEnd, type GodotRunTimings } from './run.js';
export {
  DEFAULT_DONE_GRACE_MS, DEFAULT_RUN_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS,
  type GodotHandle, type GodotScriptOptions, type LineMatcher,
} from './session.js';
export { shutdown } from './shutdown.js';
export {
  GODOT_NETWORK_CLASSES, dumpGodot4ClassDb, godot4ClassDb,
  type ClassDbArgument, type ClassDbClass, type ClassDbDump, type ClassDbMethod, type ClassDbProperty,
} from './classdb.js';
export {
  godot4ProjectSettings, readGodotProject, startGodot4Project, type Godot4ProjectOptions,
} from './godot4-project.js';
export { makeSelfSigned, makeTestChain, type TestChain, type TestChainOptions, type TestKeyType } from './openssl-certs.js';
export {
  opensslAvailability, startOpenssl, startOpensslDtlsClient, startOpensslDtlsServer,
  type OpensslDtlsClientOptions, type OpensslDtlsServerOptions, type OpensslProcess,
} from './openssl.js';
export { freeTcpPort, freeUdpPort } from './ports.js';
export { withEngineOutput } from './with-output.js';
export {
  CENetPeer, cenetAvailability, cenetPattern, compileCENetPeer, fnv1a, shutdownCENet, startCENetPeer, type CENetLine,
} from './cenet.js';
export { CENET_PEER_SOURCE } from './cenet-peer-source.js';
export { CUDP_PEER_SOURCE } from './cudp-peer-source.js';
export { startLossyUdpRelay, type LossyRelayConditions, type LossyUdpRelay } from './lossy-udp-relay.js';
export { extraChromiumFlags, requireChromiumFlags } from './chromium-extra-flags.js';
export { WEBRTC_LOOPBACK_CHROMIUM_FLAGS, enableWebRtcLoopback } from './webrtc.js';
