import { HttpException, HttpStatus } from '@nestjs/common';
import { JsonRpcErrorReason } from '../protocol/jsonrpc-error-codes';
import { protocolError } from '../protocol/jsonrpc.responses';
import { JsonRpcErrorObject } from '../protocol/jsonrpc.types';

const REASON_BY_STATUS: Record<number, JsonRpcErrorReason> = {
  400: 'InvalidParams',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
};

/** Keys of an exception's response body that say again what the code and message say. */
const RESTATED = new Set(['message', 'error', 'statusCode', 'status']);

/**
 * An `HttpException` as a JSON-RPC error. A 4xx is the client's error: it keeps
 * its own message and the other fields of its response body go to `data`; 400 is
 * -32602, the named statuses have codes of their own, and any other 4xx is
 * -32000 − (status − 400) with `data.status`. A 5xx may hold internals: -32603
 * with its status only, except 503, which is thrown on purpose (-32053).
 */
export function fromHttpException(exception: HttpException): JsonRpcErrorObject {
  const status = exception.getStatus();
  if (status === 503) {
    const message = ownMessage(exception.getResponse());
    return protocolError('ServiceUnavailable', undefined, message ?? undefined);
  }
  if (status < 400 || status >= 500) {
    return protocolError('InternalError', { status });
  }
  const body = exception.getResponse();
  const extra = extraFields(body);
  const reason = REASON_BY_STATUS[status];
  if (reason === 'InvalidParams') {
    const message = ownMessage(body);
    return protocolError(reason, extra, message === 'Bad Request' ? undefined : message);
  }
  if (reason) return protocolError(reason, extra, ownMessage(body));
  const name: string | undefined = HttpStatus[status];
  return {
    code: -32000 - (status - 400),
    message: ownMessage(body) ?? (name ? phrase(name) : 'Client error'),
    data: { ...extra, reason: name ? pascalCase(name) : 'ClientError', status },
  };
}

/** What the thrower meant the client to read: a string body, its `message`, or its `error`. */
function ownMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body || undefined;
  if (!isObject(body)) return undefined;
  for (const text of [body.message, body.error]) {
    if (typeof text === 'string' && text) return text;
  }
  return undefined;
}

/** The body's own fields; a `message` array (ValidationPipe's, one per constraint) as `errors`. */
function extraFields(body: unknown): Record<string, unknown> | undefined {
  if (!isObject(body)) return undefined;
  const extra: Record<string, unknown> = {};
  let any = Array.isArray(body.message);
  if (any) extra.errors = body.message;
  for (const key of Object.keys(body)) {
    if (RESTATED.has(key)) continue;
    extra[key] = body[key];
    any = true;
  }
  return any ? extra : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** UNPROCESSABLE_ENTITY → "Unprocessable entity", as the library's other messages read. */
function phrase(name: string): string {
  const words = name.toLowerCase().split('_');
  return [words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(' ');
}

/** UNPROCESSABLE_ENTITY → "UnprocessableEntity", as `data.reason` names are spelt. */
function pascalCase(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
