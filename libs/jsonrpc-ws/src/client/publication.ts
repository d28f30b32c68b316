import type { PublicationPosition } from './client-types';

/** A topic's publication with its position: the `publication` notification, unwrapped. */
export interface Publication extends PublicationPosition {
  method: string;
  params?: unknown;
}

/** A stream's position (the client's last, or the server's top). */
export interface StreamPosition {
  offset: number;
  epoch: string;
}

/** A topic with history, as a `subscribe` answer describes it. */
export interface AnsweredStream extends StreamPosition {
  /** Only when a position was sent for the topic. */
  recovered?: boolean;
  publications: Publication[];
}

/** A `subscribe` answer: the topics held, and the streams of those with history. */
export interface SubscribeAnswer {
  subscribed: string[];
  streams: Record<string, AnsweredStream>;
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isOffset = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** The params of a `publication` notification; undefined when they do not have its shape. */
export function readPublication(params: unknown): Publication | undefined {
  if (!isObject(params)) return undefined;
  const { topic, offset, epoch, method } = params;
  if (typeof topic !== 'string' || typeof epoch !== 'string') return undefined;
  if (!isOffset(offset) || typeof method !== 'string') return undefined;
  return { topic, offset, epoch, method, params: params.params };
}

/**
 * A `subscribe` answer, from servers with history (`streams`) or without (only
 * `subscribed`): what is not a well-formed stream counts as a topic without history.
 */
export function readSubscribeAnswer(result: unknown): SubscribeAnswer {
  const answer = isObject(result) ? result : {};
  const subscribed = Array.isArray(answer.subscribed)
    ? answer.subscribed.filter((topic): topic is string => typeof topic === 'string')
    : [];
  const streams: Record<string, AnsweredStream> = {};
  for (const [topic, stream] of Object.entries(isObject(answer.streams) ? answer.streams : {})) {
    if (!isObject(stream) || !isOffset(stream.offset) || typeof stream.epoch !== 'string') continue;
    const { epoch } = stream;
    const publications = (Array.isArray(stream.publications) ? stream.publications : [])
      .map((item: unknown) => readPublication(isObject(item) ? { ...item, topic, epoch } : item))
      .filter((item): item is Publication => item !== undefined);
    streams[topic] = {
      epoch,
      offset: stream.offset,
      ...(typeof stream.recovered === 'boolean' ? { recovered: stream.recovered } : {}),
      publications,
    };
  }
  return { subscribed, streams };
}
