import { HttpException } from '@nestjs/common';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { TokenVerifier } from '../options/jsonrpc-ws-options.interface';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import type { JsonRpcSession } from './jsonrpc-session';
import type { SessionIdentity } from './session-identity';

/**
 * Runs the application's `verifyToken` for the built-in `login` and for SSE streams.
 * @throws JsonRpcError -32001 when it refuses or fails; a deliberate JsonRpcError or
 * HttpException keeps its own code (a library's "jwt expired" must not reach the client as -32603)
 */
export async function checkToken(
  verifyToken: TokenVerifier,
  token: string,
  session: JsonRpcSession,
  platform?: string,
): Promise<SessionIdentity> {
  let identity: SessionIdentity | null | undefined | false;
  try {
    identity = await verifyToken(token, { session, platform });
  } catch (error) {
    if (error instanceof JsonRpcError || error instanceof HttpException) throw error;
    identity = undefined;
  }
  if (!identity) throw new JsonRpcError(JsonRpcErrorCode.Unauthorized, 'Invalid token');
  return identity;
}
