/** Every error the client rejects a call with. */
export class JsonRpcClientError extends Error {
  override name = 'JsonRpcClientError';
}

/** The server answered the call with a JSON-RPC error. */
export class RpcError<TData = unknown> extends JsonRpcClientError {
  override name = 'RpcError';

  constructor(
    /** The JSON-RPC error code (-32602 invalid params, -32001 unauthorized, …). */
    readonly code: number,
    message: string,
    /** The error's `data`, as the server sent it. */
    readonly data?: TData,
  ) {
    super(message);
  }
}

/** No answer within the call's timeout (queued time included). */
export class RpcTimeoutError extends JsonRpcClientError {
  override name = 'RpcTimeoutError';

  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`${method}: no answer within ${timeoutMs} ms`);
  }
}

/** The call's `AbortSignal` fired before an answer came. */
export class RpcAbortError extends JsonRpcClientError {
  override name = 'RpcAbortError';

  constructor(
    readonly method: string,
    readonly reason?: unknown,
  ) {
    super(`${method}: aborted`);
  }
}

/** Why a call could not be answered on a connection. */
export type ConnectionFailure =
  'connection-lost' | 'closed' | 'not-connected' | 'queue-full' | 'too-many-calls';

/**
 * The call did not get an answer because of the connection: it was lost after the
 * call was sent (a call is never sent twice: it may have run), the client was
 * closed, or the call could not wait (fail fast, or a full queue).
 */
export class RpcConnectionError extends JsonRpcClientError {
  override name = 'RpcConnectionError';

  constructor(
    readonly method: string,
    readonly reason: ConnectionFailure,
  ) {
    super(`${method}: ${reason}`);
  }
}
