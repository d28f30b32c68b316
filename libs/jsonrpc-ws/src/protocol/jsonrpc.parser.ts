import { findParamsViolation, ParamsLimits } from './params-inspector';
import { errorResponse, protocolError } from './jsonrpc.responses';
import { PreparedError } from './prepared-error';
import {
  JsonRpcErrorObject,
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcParams,
  JsonRpcRequest,
} from './jsonrpc.types';

export interface ParserLimits {
  /** Most entries a batch may hold. */
  maxBatchSize: number;
  /** How deep and how large `params` may be. */
  params: ParamsLimits;
}

/** One entry of a message: a request to run, or one that already failed validation. */
export type ParsedEntry =
  | { ok: true; request: JsonRpcRequest; notification: boolean }
  | { ok: false; id: JsonRpcId; error: JsonRpcErrorObject; notification: boolean };

export type ParsedMessage =
  | { kind: 'single'; entry: ParsedEntry }
  | { kind: 'batch'; entries: ParsedEntry[] }
  /** The whole message failed: one error response answers it. */
  | { kind: 'rejected'; response: JsonRpcErrorResponse };

const INVALID_ID = Symbol('invalid id');
const UNPARSABLE = Symbol('unparsable');

/** Refusals that are always the same: serialised once (see PreparedError). */
const PARSE_ERROR = new PreparedError(protocolError('ParseError'));
const EMPTY_BATCH = invalidRequest('an empty batch is not allowed');
const NOT_AN_OBJECT = invalidRequest('a request must be an object');
const BAD_ID = invalidRequest('"id" must be a string, a number or null');
const BAD_VERSION = invalidRequest('"jsonrpc" must be exactly "2.0"');
const BAD_METHOD = invalidRequest('"method" must be a string');
const BAD_PARAMS = invalidRequest('"params" must be an array or an object');

/** Parses one text frame into requests, following JSON-RPC 2.0 to the letter. */
export function parseMessage(text: string, limits: ParserLimits): ParsedMessage {
  const value = parseJson(text);
  if (value === UNPARSABLE) return rejected(PARSE_ERROR);
  if (!Array.isArray(value)) return { kind: 'single', entry: validateRequest(value, limits) };
  if (value.length === 0) return rejected(EMPTY_BATCH);
  if (value.length > limits.maxBatchSize) {
    return rejected(
      protocolError('InvalidRequest', {
        detail: `a batch may hold at most ${limits.maxBatchSize} requests`,
        maxBatchSize: limits.maxBatchSize,
      }),
    );
  }
  return { kind: 'batch', entries: value.map((item) => validateRequest(item, limits)) };
}

/** Checks one request object; an invalid one is always answered, even without an id. */
export function validateRequest(value: unknown, limits: ParserLimits): ParsedEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return invalid(null, NOT_AN_OBJECT);
  }
  const candidate = value as Record<string, unknown>;
  const id = readId(candidate);
  if (id === INVALID_ID) return invalid(null, BAD_ID);
  const replyId = id ?? null;
  if (candidate.jsonrpc !== '2.0') return invalid(replyId, BAD_VERSION);
  if (typeof candidate.method !== 'string') return invalid(replyId, BAD_METHOD);
  const params = candidate.params;
  if (params !== undefined && (params === null || typeof params !== 'object')) {
    return invalid(replyId, BAD_PARAMS);
  }
  const notification = id === undefined;
  const violation = findParamsViolation(params, limits.params);
  if (violation !== undefined) {
    return {
      ok: false,
      id: replyId,
      error: protocolError('InvalidParams', { detail: violation }),
      notification,
    };
  }
  const request: JsonRpcRequest = { jsonrpc: '2.0', method: candidate.method };
  if (params !== undefined) request.params = params as JsonRpcParams;
  if (!notification) request.id = id;
  return { ok: true, request, notification };
}

function readId(candidate: Record<string, unknown>): JsonRpcId | undefined | typeof INVALID_ID {
  if (!Object.prototype.hasOwnProperty.call(candidate, 'id')) return undefined;
  const id = candidate.id;
  if (id === null || typeof id === 'string' || typeof id === 'number') return id;
  return INVALID_ID;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return UNPARSABLE;
  }
}

function invalidRequest(detail: string): PreparedError {
  return new PreparedError(protocolError('InvalidRequest', { detail }));
}

function invalid(id: JsonRpcId, error: PreparedError): ParsedEntry {
  return { ok: false, id, error, notification: false };
}

function rejected(error: JsonRpcErrorObject): ParsedMessage {
  return { kind: 'rejected', response: errorResponse(null, error) };
}
