import type { RpcNotificationDeclaration } from './openrpc-options';

const withReason = (extra: Record<string, object> = {}) => ({
  schema: {
    type: 'object',
    properties: { reason: { type: 'string' }, ...extra },
    required: ['reason', ...Object.keys(extra)],
  },
});

/** The notifications the library itself sends over WebSocket. */
export const SESSION_NOTIFICATIONS: RpcNotificationDeclaration[] = [
  {
    name: 'session.expired',
    summary: "The session's expiresAt passed; the connection closes with 4003",
    params: withReason(),
  },
  {
    name: 'session.kicked',
    summary: 'Another login took this platform, or the server kicked the user; closes with 4004',
    params: withReason(),
  },
  {
    name: 'session.rejected',
    summary: "A login beyond the user's connection limits; closes with 4005",
    params: withReason(),
  },
  {
    name: 'session.shutdown',
    summary: 'The server is shutting down: reconnect after reconnectAfterMs',
    params: withReason({ reconnectAfterMs: { type: 'integer' } }),
  },
];

/** Sent instead of a topic's plain push to subscribers that asked for positions. */
export const PUBLICATION_NOTIFICATION: RpcNotificationDeclaration = {
  name: 'publication',
  summary: 'A publication of a topic with history, with its position',
  params: {
    schema: {
      type: 'object',
      properties: {
        topic: { type: 'string' },
        offset: { type: 'integer', minimum: 0 },
        epoch: { type: 'string' },
        method: { type: 'string' },
        params: {},
      },
      required: ['topic', 'offset', 'epoch', 'method'],
    },
  },
};
