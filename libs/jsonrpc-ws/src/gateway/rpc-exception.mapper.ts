import { HttpException } from '@nestjs/common';
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
  return protocolError('InternalError');
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
