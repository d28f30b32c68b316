import type { JsonRpcId } from '../protocol/jsonrpc.types';

/** One logged call. */
export interface RpcCallRecord {
  method: string;
  /** The client's JSON-RPC id (`undefined` for a notification). */
  id: JsonRpcId | undefined;
  requestId: string;
  connectionId: string;
  userId: string | undefined;
  /** 0 on success, else the JSON-RPC error code. */
  code: number;
  durationMs: number;
}

/** `method code=… 0.41ms id=… request=… connection=… user=…`: one line per call. */
export function formatRpcCall(call: RpcCallRecord): string {
  const id = call.id === undefined ? 'notification' : JSON.stringify(call.id);
  return (
    `${call.method} code=${call.code} ${call.durationMs}ms id=${id} request=${call.requestId} ` +
    `connection=${call.connectionId} user=${call.userId ?? '-'}`
  );
}
