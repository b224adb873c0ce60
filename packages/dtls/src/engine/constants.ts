/** DTLS 1.2 wire constants (RFC 6347, RFC 5246 and the registries they use). */

export const ContentType = { CHANGE_CIPHER_SPEC: 20, ALERT: 21, HANDSHAKE: 22, APPLICATION_DATA: 23 } as const;

export const HandshakeType = {
  HELLO_REQUEST: 0, CLIENT_HELLO: 1, SERVER_HELLO: 2, HELLO_VERIFY_REQUEST: 3,
  CERTIFICATE: 11, SERVER_KEY_EXCHANGE: 12, CERTIFICATE_REQUEST: 13, SERVER_HELLO_DONE: 14,
  CERTIFICATE_VERIFY: 15, CLIENT_KEY_EXCHANGE: 16, FINISHED: 20,
} as const;

/** DTLS 1.2 on the wire (254.253); DTLS 1.0 (254.255) is accepted on the first ClientHello record only. */
export const DTLS_1_2 = 0xfefd;
export const DTLS_1_0 = 0xfeff;

export const RECORD_HEADER_SIZE = 13;
export const HANDSHAKE_HEADER_SIZE = 12;

export const ExtensionType = {
  SERVER_NAME: 0, SUPPORTED_GROUPS: 10, EC_POINT_FORMATS: 11, SIGNATURE_ALGORITHMS: 13,
  EXTENDED_MASTER_SECRET: 23, RENEGOTIATION_INFO: 0xff01,
} as const;

/** The signalling suite value that stands for an empty renegotiation_info (RFC 5746). */
export const EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

/** Alert levels and descriptions (RFC 5246 §7.2). */
export const AlertLevel = { WARNING: 1, FATAL: 2 } as const;
/** The TLS/DTLS alert descriptions this engine sends or names (RFC 5246 §7.2.2), by their wire number. */
export const AlertDescription = {
  /** `close_notify`: the sender closes the connection cleanly (sent as a warning). */
  CLOSE_NOTIFY: 0,
  /** `unexpected_message`: a message arrived that is wrong for the state of the handshake. */
  UNEXPECTED_MESSAGE: 10,
  /** `bad_record_mac`: a record failed authentication (wrong key, or altered in transit). */
  BAD_RECORD_MAC: 20,
  /** `record_overflow`: a record was longer than the protocol allows. */
  RECORD_OVERFLOW: 22,
  /** `handshake_failure`: no acceptable set of security parameters (e.g. no common cipher suite). */
  HANDSHAKE_FAILURE: 40,
  /** `bad_certificate`: a certificate was corrupt or its signature did not verify. */
  BAD_CERTIFICATE: 42,
  /** `unsupported_certificate`: a certificate of a type the receiver does not support. */
  UNSUPPORTED_CERTIFICATE: 43,
  /** `certificate_expired`: a certificate has expired or is not valid yet. */
  CERTIFICATE_EXPIRED: 45,
  /** `certificate_unknown`: another problem made a certificate unacceptable. */
  CERTIFICATE_UNKNOWN: 46,
  /** `illegal_parameter`: a handshake field was out of range or inconsistent. */
  ILLEGAL_PARAMETER: 47,
  /** `unknown_ca`: the certificate chain does not lead to a trusted CA. */
  UNKNOWN_CA: 48,
  /** `decode_error`: a message could not be decoded (bad length or field). */
  DECODE_ERROR: 50,
  /** `decrypt_error`: a handshake signature or the Finished check failed. */
  DECRYPT_ERROR: 51,
  /** `protocol_version`: the peer's protocol version is not supported (DTLS 1.2 only here). */
  PROTOCOL_VERSION: 70,
  /** `insufficient_security`: the peer offered only parameters weaker than required. */
  INSUFFICIENT_SECURITY: 71,
  /** `internal_error`: the sender failed for a reason unrelated to the peer. */
  INTERNAL_ERROR: 80,
  /** `no_renegotiation`: renegotiation was refused (a warning). */
  NO_RENEGOTIATION: 100,
  /** `unsupported_extension`: a ServerHello carried an extension the client did not offer. */
  UNSUPPORTED_EXTENSION: 110,
} as const;

const ALERT_NAMES = new Map<number, string>(
  Object.entries(AlertDescription).map(([name, value]) => [value, name.toLowerCase()]),
);

/** `close_notify`, `bad_certificate`…, or `alert(<n>)` for descriptions we do not name. */
export function alertName(description: number): string {
  return ALERT_NAMES.get(description) ?? `alert(${description})`;
}

/** Named groups for ECDHE (RFC 8422, RFC 7748). */
export const NamedGroup = {
  /** `secp256r1` (23): NIST P-256. */
  SECP256R1: 23,
  /** `secp384r1` (24): NIST P-384. */
  SECP384R1: 24,
  /** `x25519` (29): Curve25519 ECDH (RFC 7748). */
  X25519: 29,
} as const;
export type NamedGroup = (typeof NamedGroup)[keyof typeof NamedGroup];

/** TLS 1.2 SignatureAndHashAlgorithm values as 16-bit SignatureScheme codes (RFC 8446 §4.2.3). */
export const SignatureScheme = {
  RSA_PKCS1_SHA1: 0x0201, ECDSA_SHA1: 0x0203,
  RSA_PKCS1_SHA256: 0x0401, RSA_PKCS1_SHA384: 0x0501, RSA_PKCS1_SHA512: 0x0601,
  ECDSA_SECP256R1_SHA256: 0x0403, ECDSA_SECP384R1_SHA384: 0x0503, ECDSA_SECP521R1_SHA512: 0x0603,
  RSA_PSS_RSAE_SHA256: 0x0804, RSA_PSS_RSAE_SHA384: 0x0805, RSA_PSS_RSAE_SHA512: 0x0806,
} as const;
export type SignatureScheme = (typeof SignatureScheme)[keyof typeof SignatureScheme];

/** The one EC curve type we use in ServerKeyExchange (RFC 8422 §5.4). */
export const EC_CURVE_TYPE_NAMED = 3;
