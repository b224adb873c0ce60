export { ErrorCode, ErrorCode as Error, GodotError, errorName, isErrorCode } from './error.js';
export type { ErrorName } from './error.js';
export {
  DEFAULT_ENCODE_BUFFER_MAX_SIZE, MAX_ENCODE_BUFFER_MAX_SIZE, MAX_RECURSION_DEPTH,
  MIN_ENCODE_BUFFER_MAX_SIZE, nearestShift, nextPowerOfTwo, ringCapacity, ringSize,
} from './limits.js';

export { VariantType, VARIANT_MAX, isVariantType, variantTypeName } from './variant/variant-type.js';
export { Float, Int, float, int } from './variant/numbers.js';
export {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from './variant/math.js';
export { StringName } from './variant/string-name.js';
export { NodePath } from './variant/node-path.js';
export { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from './variant/objects.js';
export {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from './variant/packed.js';
export { ENCODED_OBJECT_AS_ID, builtin, type ContainerType } from './variant/container-type.js';
export { TypedArray } from './variant/typed-array.js';
export { Dictionary, type DictionarySource, type DictionaryTypes } from './variant/dictionary.js';
export { variantKey, type KeyPrimitive } from './variant/variant-key.js';
export type { MathValue, PackedArray, Variant, VariantLike } from './variant/value.js';
export { VARIANT_FORMATS, type VariantFormat } from './variant/format.js';
export { VariantError } from './variant/variant-error.js';
export { varToBytes, type EncodeOptions } from './variant/encoder.js';
export { typeOfValue } from './variant/type-of.js';
export { bytesToVar, decodeVariant, type DecodeOptions, type Decoded } from './variant/decoder.js';

export { Emitter, type EventMap, type Listener } from './emitter.js';
export { PacketQueue, type PacketQueueLimits, type QueuedPacket } from './packet-queue.js';
export {
  DEFAULT_MAX_QUEUED_MEMORY, PacketPeer, type PacketPeerEvents, type PacketPeerOptions, type PacketRoute, type ReceiveLimits,
} from './packet-peer.js';
export { plainBytes } from './plain-bytes.js';
export { SharedRecords } from './shared-records.js';
export {
  ARRAY_BUFFER_BYTES, ARRAY_VIEW_BYTES, EMPTY_PACKET, QUEUE_ENTRY_BYTES, packetMemoryCost, packetMemoryEstimate,
} from './packet-memory.js';
export { DEFAULT_SERVER_MEMORY_BUDGET, MemoryBudget } from './memory-budget.js';
export { PacketSpool } from './packet-spool.js';
export { ReadSwitch, type ReadingHooks } from './read-switch.js';
export { VarCodec, type VarDecodeOptions, type VarEncodeOptions, type VarOptions } from './var-codec.js';
export { displayAddress, isIPv4Literal, isIPv4Mapped, mappedAddress } from './address.js';
export { WaiterList, withWaitOptions, type WaitOptions, type Waiter } from './waiters.js';
export {
  ConnectionStatus, MultiplayerPeer, TARGET_PEER_BROADCAST, TARGET_PEER_SERVER, generateUniqueId, type MultiplayerPeerEvents,
} from './multiplayer-peer.js';
export { TransferMode, type MultiplayerPacketInfo } from './multiplayer-packet-info.js';
export type { ChildPeerOptions } from './child-route.js';
export { OfflineMultiplayerPeer } from './offline-multiplayer-peer.js';
export { MemoryPacketPeer, createMemoryPair, type MemoryPairOptions } from './memory-peer.js';
export {
  errorString, OK, FAILED, ERR_UNAVAILABLE, ERR_UNCONFIGURED, ERR_UNAUTHORIZED, ERR_PARAMETER_RANGE_ERROR,
  ERR_OUT_OF_MEMORY, ERR_FILE_NOT_FOUND, ERR_FILE_BAD_DRIVE, ERR_FILE_BAD_PATH, ERR_FILE_NO_PERMISSION,
  ERR_FILE_ALREADY_IN_USE, ERR_FILE_CANT_OPEN, ERR_FILE_CANT_WRITE, ERR_FILE_CANT_READ, ERR_FILE_UNRECOGNIZED,
  ERR_FILE_CORRUPT, ERR_FILE_MISSING_DEPENDENCIES, ERR_FILE_EOF, ERR_CANT_OPEN, ERR_CANT_CREATE, ERR_QUERY_FAILED,
  ERR_ALREADY_IN_USE, ERR_LOCKED, ERR_TIMEOUT, ERR_CANT_CONNECT, ERR_CANT_RESOLVE, ERR_CONNECTION_ERROR,
  ERR_CANT_ACQUIRE_RESOURCE, ERR_CANT_FORK, ERR_INVALID_DATA, ERR_INVALID_PARAMETER, ERR_ALREADY_EXISTS,
  ERR_DOES_NOT_EXIST, ERR_DATABASE_CANT_READ, ERR_DATABASE_CANT_WRITE, ERR_COMPILATION_FAILED, ERR_METHOD_NOT_FOUND,
  ERR_LINK_FAILED, ERR_SCRIPT_FAILED, ERR_CYCLIC_LINK, ERR_INVALID_DECLARATION, ERR_DUPLICATE_SYMBOL,
  ERR_PARSE_ERROR, ERR_BUSY, ERR_SKIP, ERR_HELP, ERR_BUG, ERR_PRINTER_ON_FIRE,
} from './error-string.js';

export {
  MAX_MILLISECONDS, MAX_SECONDS, checkBoolean, checkFormat, checkInt, checkMilliseconds, checkNumber, checkPort, checkSeconds, isPort,
  type Range,
} from './checks.js';
export { systemClock, type Clock, type TimerHandle } from './clock.js';
export { ManualClock } from './manual-clock.js';
export { seededRandom } from './seeded-random.js';
export {
  addressKey, type DatagramAddress, type DatagramEndpoint, type DatagramLink, type DatagramReceiver,
} from './datagram.js';
export { DatagramDemux, type NewSenderHandler } from './datagram-demux.js';
export {
  MemoryEndpoint, MemoryNetwork, createLossyPair, type LinkConditions, type MemoryNetworkOptions, type MemoryNetworkStats,
} from './memory-network.js';
export { PendingConnections } from './pending-connections.js';

export { varToStr, type VarToStrOptions } from './text/var-to-str.js';
export { strToVar, type StrToVarOptions } from './text/str-to-var.js';
export { VariantParseError, type TextPosition } from './text/parse-error.js';
export type { TextFormat } from './text/text-format.js';
export { jsonFromNative, jsonToNative, type JsonValue } from './text/json-native.js';
export { Marshalls } from './text/marshalls.js';

export { parsePem, formatPem, type PemBlock } from './tls/pem.js';
export { X509Certificate } from './tls/x509-certificate.js';
export { CryptoKey } from './tls/crypto-key.js';
export { TLSMode, TLSOptions, type CertificateInput, type KeyInput } from './tls/tls-options.js';
export { TLSStatus } from './tls/tls-status.js';
export { handOverStream, handsOverStream, type HandsOverStream, type StreamHandover } from './stream-handover.js';
export { IdleTimer } from './idle-timer.js';
