import { GodotError, type ErrorCode } from '@pp/core';

/**
 * The peer broke the stream's framing: a length prefix beyond the configured limit (or negative),
 * or a frame that stopped arriving halfway. The connection is closed when one is raised.
 * `code` is `ERR_INVALID_DATA` (bad length), `ERR_TIMEOUT` (stalled frame) or `ERR_FILE_EOF`
 * (the connection ended inside a frame).
 */
export class StreamProtocolError extends GodotError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'StreamProtocolError';
  }
}
