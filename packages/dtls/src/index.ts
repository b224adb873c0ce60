export { PacketPeerDTLS, type PacketPeerDTLSEvents, type PacketPeerDTLSOptions } from './packet-peer-dtls.js';
export { DTLSServer, type DTLSServerOptions, type DTLSServerStats } from './dtls-server.js';
export { DTLSStatus } from './status.js';
export { DtlsEndpoint, type DtlsEndpointOptions, type DtlsSessionEvent } from './dtls-endpoint.js';
export type { DtlsEngineOptions } from './tls-config.js';
export * from './engine/index.js';
