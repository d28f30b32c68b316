/** Why a connection ended, as reported to `disconnected` listeners and in metrics. */
export type CloseReason =
  /** The client closed or its connection dropped. */
  | 'client'
  /** Kicked by the application or by a newer login on the same platform. */
  | 'kicked'
  /** Not logged in within `anonymousTimeoutMs`. */
  | 'anonymous-timeout'
  /** Nothing heard (no message, no pong) within `heartbeatTimeoutMs`. */
  | 'heartbeat-timeout'
  /** The session's token expired. */
  | 'token-expired'
  /** A login refused by a connection limit. */
  | 'limit'
  /** Outbound buffer over `maxBufferedBytes` with the `disconnect` policy. */
  | 'slow-consumer'
  /** `maxRejections` requests refused within `rejectionWindowMs`. */
  | 'too-many-rejections'
  /** Binary frame, invalid UTF-8 or oversized frame. */
  | 'protocol-error'
  /** An SSE stream refused before it opened (a topic not allowed, say): its HTTP answer said why. */
  | 'refused'
  /** The server is shutting down. */
  | 'shutdown'
  /** The server failed while setting the connection up. */
  | 'error';
