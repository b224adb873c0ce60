export { DtlsConnection, type DtlsEvent, type DtlsState, type DtlsStats } from './connection.js';
export { CookieExchange, type CookieOptions, type CookieResult, type VerifiedClientHello } from './cookie.js';
export { DtlsError, type DtlsFailure } from './dtls-error.js';
export { CIPHER_SUITES, type CipherSuite } from './cipher-suites.js';
export { AlertDescription, NamedGroup, alertName } from './constants.js';
export type { CertificateFailure, CertificatePolicy } from './certificate-check.js';
export type { DtlsLimits } from './options.js';
export type { NegotiationOptions } from './negotiation.js';
export { createDtlsClient, createDtlsServer, type DtlsClientConfig, type DtlsServerConfig } from './factories.js';
