import { HttpException, InternalServerErrorException } from '@nestjs/common';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';

const STATUS_BY_CODE = new Map<number, number>([
  [JsonRpcErrorCode.InvalidParams, 400],
  [JsonRpcErrorCode.Unauthorized, 401],
  [JsonRpcErrorCode.Forbidden, 403],
  [JsonRpcErrorCode.TooManyRequests, 429],
]);

/**
 * The HTTP answer to an error of a login or a subscription made over HTTP: the
 * status matching its JSON-RPC code, with its message and data. Anything else is
 * a 500 that says nothing of the cause (the caller logs it).
 */
export function httpErrorOf(error: unknown): HttpException {
  if (error instanceof HttpException) return error;
  if (error instanceof JsonRpcError) {
    const status = STATUS_BY_CODE.get(error.code);
    if (status !== undefined) {
      return new HttpException(
        { statusCode: status, message: error.message, ...(isObject(error.data) ? error.data : {}) },
        status,
      );
    }
  }
  return new InternalServerErrorException();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
