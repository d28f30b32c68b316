import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';

/** Longest topic name accepted by `subscribe`. */
const MAX_TOPIC_LENGTH = 200;
/** Longest token accepted by `login`. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * Built-ins check their own params: they must not depend on the application
 * registering a ValidationPipe.
 */
export function invalidParams(detail: string): JsonRpcError {
  return new JsonRpcError(JsonRpcErrorCode.InvalidParams, 'Invalid params', {
    reason: 'InvalidParams',
    detail,
  });
}

function objectParams(params: unknown): Record<string, unknown> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw invalidParams('params must be an object');
  }
  return params as Record<string, unknown>;
}

export function readTopics(params: unknown): string[] {
  const { topics } = objectParams(params);
  if (!Array.isArray(topics) || topics.length === 0) {
    throw invalidParams('"topics" must be a non-empty array of strings');
  }
  for (const topic of topics) {
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
      throw invalidParams(`each topic must be a string of 1 to ${MAX_TOPIC_LENGTH} characters`);
    }
  }
  return topics as string[];
}

export function readLogin(params: unknown): { token: string; platform?: string } {
  const { token, platform } = objectParams(params);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw invalidParams('"token" must be a non-empty string');
  }
  if (platform !== undefined && typeof platform !== 'string') {
    throw invalidParams('"platform" must be a string');
  }
  return { token, platform };
}
