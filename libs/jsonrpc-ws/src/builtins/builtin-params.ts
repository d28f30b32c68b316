import { JsonRpcError } from '../errors/jsonrpc.error';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import type { StreamPosition } from '../history/topic-history.interface';

/** Longest topic name accepted by `subscribe`. */
export const MAX_TOPIC_LENGTH = 200;
/** Longest epoch accepted in a position. */
export const MAX_EPOCH_LENGTH = 64;
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
  for (const topic of topics) checkTopic(topic);
  return topics as string[];
}

function checkTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
    throw invalidParams(`each topic must be a string of 1 to ${MAX_TOPIC_LENGTH} characters`);
  }
}

/** What `subscribe` is asked: `{ topics, recover?, since? }`, or `{ topic, since? }` for one topic. */
export interface SubscribeRequest {
  topics: string[];
  /** Positions asked for (`recover: true`, `since`, or the one-topic form). */
  positioned: boolean;
  since: Record<string, StreamPosition>;
  /** The one-topic form, answered with that topic's stream inline. */
  single: boolean;
}

export function readSubscribe(params: unknown): SubscribeRequest {
  const object = objectParams(params);
  if (object.topic !== undefined) {
    checkTopic(object.topic);
    const since = object.since === undefined ? {} : { [object.topic]: readPosition(object.since) };
    return { topics: [object.topic], positioned: true, since, single: true };
  }
  const topics = readTopics(params);
  const { recover, since } = object;
  if (recover !== undefined && typeof recover !== 'boolean') {
    throw invalidParams('"recover" must be a boolean');
  }
  // No prototype: a topic named "__proto__" or "constructor" is a topic like any other.
  const positions = Object.create(null) as Record<string, StreamPosition>;
  if (since !== undefined) {
    if (since === null || typeof since !== 'object' || Array.isArray(since)) {
      throw invalidParams('"since" must be an object of { offset, epoch } by topic');
    }
    for (const [topic, position] of Object.entries(since))
      positions[topic] = readPosition(position);
  }
  return {
    topics,
    positioned: recover === true || since !== undefined,
    since: positions,
    single: false,
  };
}

function readPosition(value: unknown): StreamPosition {
  const { offset, epoch } = (value ?? {}) as Record<string, unknown>;
  if (
    !Number.isSafeInteger(offset) ||
    (offset as number) < 0 ||
    typeof epoch !== 'string' ||
    epoch.length === 0 ||
    epoch.length > MAX_EPOCH_LENGTH
  ) {
    throw invalidParams('a position must be { offset: a non-negative integer, epoch: a string }');
  }
  return { offset: offset as number, epoch };
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
