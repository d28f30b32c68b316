import { WebSocket } from 'ws';
import { RpcError } from '../client/client-errors';
import type { DisconnectedEvent } from '../client/client-types';
import { JsonRpcClient } from '../client/jsonrpc-client';
import { GenerateClientError } from './generate-client.error';

export interface DiscoverOptions {
  /** Logged in with (the built-in `login { token }`) before `rpc.discover`, for servers that need it. */
  token?: string;
  /** For connecting, and again for the answer. @default 10000 */
  timeoutMs?: number;
}

/** Asks a running server for its OpenRPC document: `rpc.discover`, over `ws` from Node. */
export async function discoverDocument(
  url: string,
  options: DiscoverOptions = {},
): Promise<unknown> {
  const { token, timeoutMs = 10_000 } = options;
  const client = new JsonRpcClient({
    url,
    WebSocket,
    getToken: token === undefined ? undefined : () => token,
    // One attempt: a generator that kept retrying would hang a build.
    reconnect: false,
    heartbeatIntervalMs: 0,
    connectTimeoutMs: timeoutMs,
    callTimeoutMs: timeoutMs,
  });
  // The call only learns that the connection closed; these say why.
  let loginError: unknown;
  let closed: DisconnectedEvent | undefined;
  client.on('error', (error) => (loginError ??= error));
  client.on('disconnected', (event) => (closed ??= event));
  try {
    return await client.call('rpc.discover');
  } catch (error) {
    throw new GenerateClientError(
      `rpc.discover at ${url} failed: ${why(error, loginError, closed)}`,
    );
  } finally {
    client.close();
  }
}

function why(error: unknown, loginError: unknown, closed: DisconnectedEvent | undefined): string {
  if (error instanceof RpcError && error.code === -32601) return 'the server has no rpc.discover';
  if (error instanceof RpcError) return `${error.message} (${error.code})`;
  if (loginError instanceof RpcError) return `login refused: ${loginError.message}`;
  if (closed)
    return `the connection closed (${closed.code}${closed.reason ? ` ${closed.reason}` : ''})`;
  return error instanceof Error ? error.message : String(error);
}
