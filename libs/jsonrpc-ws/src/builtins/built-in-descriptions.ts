import type { RpcMethodOptions } from '../decorators/rpc-method.decorator';
import type { JsonSchema } from '../openrpc/openrpc.types';

/** The spec's own description of `rpc.discover`'s result. */
export const OPENRPC_META_SCHEMA_URL =
  'https://raw.githubusercontent.com/open-rpc/meta-schema/master/schema.json';

const topics: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1, maxLength: 200 },
};
const position: JsonSchema = {
  type: 'object',
  properties: { offset: { type: 'integer', minimum: 0 }, epoch: { type: 'string' } },
  required: ['offset', 'epoch'],
};
const publication: JsonSchema = {
  type: 'object',
  properties: { offset: { type: 'integer' }, method: { type: 'string' }, params: {} },
  required: ['offset', 'method'],
};
const stream: JsonSchema = {
  type: 'object',
  properties: {
    offset: { type: 'integer' },
    epoch: { type: 'string' },
    recovered: { type: 'boolean' },
    publications: { type: 'array', items: publication },
  },
};
const object = (
  properties: Record<string, JsonSchema>,
  required: string[],
): { schema: JsonSchema } => ({
  schema: { type: 'object', properties, required },
});
const tags = ['built-in'];

/**
 * What `rpc.discover` says about the built-in methods, which check their params
 * themselves and so have no DTO to reflect on.
 */
export const BUILT_IN_DESCRIPTIONS: Record<string, RpcMethodOptions> = {
  heartbeat: {
    summary: 'Keeps the session alive and measures latency',
    tags,
    result: object({ status: { const: 'ok' }, serverTime: { type: 'integer' } }, [
      'status',
      'serverTime',
    ]),
  },
  login: {
    summary: "Logs the connection in with a token the application's verifyToken accepts",
    tags,
    params: object({ token: { type: 'string', minLength: 1 }, platform: { type: 'string' } }, [
      'token',
    ]),
    result: object(
      {
        userId: { type: ['string', 'number'] },
        platform: { type: 'string' },
        expiresAt: { type: 'integer' },
      },
      ['userId', 'platform'],
    ),
    errors: [
      { code: -32001, message: 'Unauthorized' },
      { code: -32029, message: 'Too many requests' },
    ],
  },
  logout: {
    summary: 'Logs the connection out',
    tags,
    result: object({ loggedOut: { const: true } }, ['loggedOut']),
  },
  subscribe: {
    summary: 'Subscribes to topics, whose publications then arrive as notifications',
    description:
      '`{ topics, recover?, since? }`, or `{ topic, since? }` for one topic answered with its stream inline. ' +
      '-32003 (`data.topics`) when `authorizeTopic` refuses a topic.',
    tags,
    params: object(
      {
        topics: topics,
        topic: { type: 'string', minLength: 1, maxLength: 200 },
        recover: { type: 'boolean' },
        since: { type: 'object', additionalProperties: position },
      },
      [],
    ),
    result: object(
      {
        subscribed: { type: 'array', items: { type: 'string' } },
        streams: { type: 'object', additionalProperties: stream },
        ...(stream.properties as Record<string, JsonSchema>),
      },
      ['subscribed'],
    ),
    errors: [
      { code: -32001, message: 'Unauthorized' },
      { code: -32003, message: 'Forbidden' },
    ],
  },
  unsubscribe: {
    summary: 'Unsubscribes from topics',
    tags,
    params: object({ topics }, ['topics']),
    result: object({ unsubscribed: { type: 'array', items: { type: 'string' } } }, [
      'unsubscribed',
    ]),
  },
  'rpc.discover': {
    description: 'Returns an OpenRPC schema as a description of this service',
    tags,
    result: { schema: { $ref: OPENRPC_META_SCHEMA_URL } },
  },
};
