/**
 * WebSocket close codes the server uses. 1000–1015 are defined by RFC 6455;
 * `ws` itself closes with 1007 (invalid UTF-8) and 1009 (frame over `maxPayload`).
 * 4000–4999 are this library's own, one per reason.
 */
export const CloseCode = {
  /** The server is shutting down (after `session.shutdown`). */
  GoingAway: 1001,
  /** The client sent a binary frame: this endpoint speaks JSON text only. */
  UnsupportedData: 1003,
  /** A text frame was not valid UTF-8 (sent by `ws`). */
  InvalidPayload: 1007,
  /** A frame exceeded `maxPayload` (sent by `ws`). */
  MessageTooBig: 1009,
  /** The server failed unexpectedly while handling the connection. */
  InternalError: 1011,
  /** Not logged in within `anonymousTimeoutMs`. */
  AnonymousTimeout: 4001,
  /** Nothing heard from the client within `heartbeatTimeoutMs`. */
  HeartbeatTimeout: 4002,
  /** The session's token expired (after `session.expired`). */
  TokenExpired: 4003,
  /** Kicked by the application or a newer login (after `session.kicked`). */
  Kicked: 4004,
  /** A login was refused by a connection limit (after `session.rejected`). */
  LoginRejected: 4005,
  /** The client did not read fast enough: its outbound buffer overflowed. */
  SlowConsumer: 4006,
  /** SSE only: a stream refused after its session was created (a topic not allowed, …), never sent. */
  Refused: 4008,
  /** `maxRejections` requests refused within `rejectionWindowMs`: the client ignores its errors. */
  TooManyRejections: 4029,
} as const;
