import { IntrinsicException } from '@nestjs/common';
import { JsonRpcErrorObject } from '../protocol/jsonrpc.types';
import { reasonForCode } from '../protocol/jsonrpc-error-codes';

/**
 * An error meant for the client: thrown from a handler, guard, pipe or
 * interceptor, it reaches the wire as `{ code, message, data }` unchanged.
 * When `data` is omitted and the code is a known one, `data.reason` is filled in.
 *
 * @example
 * throw new JsonRpcError(-32010, 'Room is full', { reason: 'RoomFull', capacity: 50 });
 */
export class JsonRpcError extends IntrinsicException {
  readonly code: number;
  readonly data?: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'JsonRpcError';
    this.code = code;
    const reason = reasonForCode(code);
    this.data = data === undefined && reason ? { reason } : data;
  }

  toErrorObject(): JsonRpcErrorObject {
    const error: JsonRpcErrorObject = { code: this.code, message: this.message };
    if (this.data !== undefined) error.data = this.data;
    return error;
  }
}
