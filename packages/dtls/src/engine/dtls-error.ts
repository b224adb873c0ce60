/** Why a DTLS connection failed; carried by the engine's `error` event and the peers' `lastError`. */
import { ErrorCode, GodotError } from '@pp/core';
import { alertName } from './constants.js';
import type { CertificateFailure } from './certificate-check.js';

/** Why a DTLS handshake or connection failed, as `DtlsError.reason`. */
export type DtlsFailure =
  /** No answer within the retransmission schedule (1 s doubling to 60 s by default). */
  | 'handshake-timeout'
  /** The peer sent a fatal alert (`alert` says which). */
  | 'peer-alert'
  /** The server's certificate was refused (`certificate` says why). */
  | 'certificate'
  /** A ServerKeyExchange signature or a Finished did not verify. */
  | 'decrypt-error'
  /** No cipher suite, group, signature scheme or extended master secret in common. */
  | 'handshake-failure'
  /** A message that did not parse, or came at the wrong time. */
  | 'protocol'
  /** A handshake message longer than `maxHandshakeMessageSize`. */
  | 'message-too-large'
  /** Not DTLS 1.2. */
  | 'protocol-version';

/**
 * A failed DTLS connection: a `GodotError` whose `code` is `ERR_TIMEOUT` for `'handshake-timeout'`
 * and `ERR_CONNECTION_ERROR` otherwise; the message names the reason and the alert.
 */
export class DtlsError extends GodotError {
  /** Why it failed (see `DtlsFailure`). */
  readonly reason: DtlsFailure;
  /** The alert description sent (or, for `peer-alert`, received). */
  readonly alert: number;
  /** For `reason: 'certificate'`: what was wrong with it. */
  readonly certificate: CertificateFailure | undefined;

  constructor(reason: DtlsFailure, alert: number, message: string, certificate?: CertificateFailure) {
    super(reason === 'handshake-timeout' ? ErrorCode.ERR_TIMEOUT : ErrorCode.ERR_CONNECTION_ERROR, `DTLS ${reason}: ${message} [${alertName(alert)}]`);
    this.name = 'DtlsError';
    this.reason = reason;
    this.alert = alert;
    this.certificate = certificate;
  }
}
