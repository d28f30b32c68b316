/**
 * WebSocket close codes the server uses. 1000–1015 are defined by RFC 6455;
 * `ws` itself closes with 1007 (invalid UTF-8) and 1009 (frame over `maxPayload`).
 */
export const CloseCode = {
  /** The server is shutting down. */
  GoingAway: 1001,
  /** The client sent a binary frame: this endpoint speaks JSON text only. */
  UnsupportedData: 1003,
  /** A text frame was not valid UTF-8 (sent by `ws`). */
  InvalidPayload: 1007,
  /** A frame exceeded `maxPayload` (sent by `ws`). */
  MessageTooBig: 1009,
  /** The server failed unexpectedly while handling the connection. */
  InternalError: 1011,
} as const;
