import { HttpException } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { protocolError } from '../protocol/jsonrpc.responses';
import { JsonRpcErrorObject } from '../protocol/jsonrpc.types';
import { fromHttpException } from './http-exception.mapper';

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
