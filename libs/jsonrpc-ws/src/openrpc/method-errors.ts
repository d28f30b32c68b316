import {
  JsonRpcErrorCode,
  JsonRpcErrorReason,
  messageForReason,
} from '../protocol/jsonrpc-error-codes';
import type { OpenRpcError } from './openrpc.types';

/** What the library knows about a method that decides which of its errors it can raise. */
export interface ErrorFacts {
  takesParams: boolean;
  /** A guard (global, class or method) may refuse the call. */
  guarded: boolean;
  rateLimited: boolean;
  /** Declared with `@RpcMethod({ errors })`; they replace a known error of the same code. */
  declared?: OpenRpcError[];
}

/**
 * The errors a method can answer: -32602 when it takes params (the parser's limits
 * and validation), -32001/-32003 when guarded, -32029 when rate limited, and
 * -32603 for anything unexpected. Sorted by code, highest first.
 */
export function errorsOf(facts: ErrorFacts): OpenRpcError[] {
  const reasons: JsonRpcErrorReason[] = ['InternalError'];
  if (facts.takesParams) reasons.push('InvalidParams');
  if (facts.guarded) reasons.push('Unauthorized', 'Forbidden');
  if (facts.rateLimited) reasons.push('TooManyRequests');
  const byCode = new Map<number, OpenRpcError>(
    reasons.map((reason) => [
      JsonRpcErrorCode[reason],
      { code: JsonRpcErrorCode[reason], message: messageForReason(reason) },
    ]),
  );
  for (const error of facts.declared ?? []) byCode.set(error.code, error);
  return [...byCode.values()].sort((a, b) => b.code - a.code);
}
