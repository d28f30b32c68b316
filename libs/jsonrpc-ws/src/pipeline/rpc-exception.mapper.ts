import { HttpException } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcErrorReason, messageForReason } from '../protocol/jsonrpc-error-codes';
import { protocolError } from '../protocol/jsonrpc.responses';
import { JsonRpcErrorObject } from '../protocol/jsonrpc.types';

const REASON_BY_STATUS: Record<number, JsonRpcErrorReason> = {
  400: 'InvalidParams',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

/**
 * The one place where anything thrown while handling a call becomes a JSON-RPC
 * error object. Unknown errors become -32603 with no internals: their logging
 * happens where they are caught (Nest's exceptions handler or the dispatcher).
 */
export function toJsonRpcError(error: unknown): JsonRpcErrorObject {
  if (error instanceof JsonRpcError) return error.toErrorObject();
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof WsException) return fromWsException(error);
  return protocolError('InternalError');
}

/**
 * Nest's gateway convention: `new WsException('Room is full')` is -32000 with that
 * message; `new WsException({ code, message, data })` with an integer code is that error.
 */
function fromWsException(exception: WsException): JsonRpcErrorObject {
  const error = exception.getError();
  if (typeof error === 'string') return protocolError('ServerError', undefined, error);
  if (typeof error !== 'object' || error === null) {
    return protocolError('ServerError', undefined, exception.message);
  }
  const { code, message, data, ...rest } = error as Record<string, unknown>;
  const text = typeof message === 'string' && message ? message : exception.message;
  if (Number.isInteger(code)) return new JsonRpcError(code as number, text, data).toErrorObject();
  // Without a code, what else the object carries is for the client, as with HttpException bodies.
  return protocolError('ServerError', data === undefined ? rest : { ...rest, data }, text);
}

function fromHttpException(exception: HttpException): JsonRpcErrorObject {
  const status = exception.getStatus();
  const reason = REASON_BY_STATUS[status];
  if (!reason) {
    // A 4xx was thrown on purpose and its message is meant for the client; a 5xx may hold internals.
    const detail = status < 500 ? { detail: exception.message } : {};
    return protocolError('InternalError', { status, ...detail });
  }
  const body = exception.getResponse();
  const bodyMessage =
    typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
  if (reason === 'InvalidParams') {
    // ValidationPipe puts one message per failed constraint in an array.
    const extra = Array.isArray(bodyMessage)
      ? { errors: bodyMessage }
      : typeof bodyMessage === 'string' && bodyMessage !== 'Bad Request'
        ? { detail: bodyMessage }
        : {};
    return protocolError(reason, extra);
  }
  const message =
    typeof bodyMessage === 'string' && bodyMessage ? bodyMessage : messageForReason(reason);
  return protocolError(reason, undefined, message);
}
