/** Where a publication sits in its topic's stream. */
export interface StreamPosition {
  /** Strictly increasing within the topic's stream, from 1, without gaps. */
  offset: number;
  /** The identity of the stream: a new epoch means the history was lost or reset. */
  epoch: string;
}

/** How much of a topic's past is kept. */
export interface HistoryPolicy {
  /** Publications kept (the latest ones). */
  size: number;
  /** How long the history lives after the topic's last publication, ms. */
  ttlMs: number;
}

/** A publication as stored: its offset and the notification text every subscriber gets. */
export interface StoredPublication {
  offset: number;
  /** `{"jsonrpc":"2.0","method":…,"params":…}`, as serialised by the hub. */
  frame: string;
}

/** The stream's current position, and what it holds after the offset asked for. */
export interface HistoryRead extends StreamPosition {
  /** In offset order; at most the limit asked for. */
  publications: StoredPublication[];
}

/**
 * The history of topics: in memory on one node, in Redis Streams in the cluster
 * (where `append` also publishes to the other nodes, in the same atomic step, so
 * that every node sees the same offsets in the same order).
 */
export interface TopicHistory {
  /**
   * True when `append` also delivers the publication to this node's subscribers,
   * through the transport (the cluster: every node, the publisher's own included,
   * gets it from Redis, so all see one order). Else the hub delivers it itself.
   */
  readonly loopsBack?: boolean;
  /** Appends a publication (delivering it to the other nodes, if any) and resolves to its position. */
  append(topic: string, frame: string, policy: HistoryPolicy): Promise<StreamPosition>;
  /**
   * The same, at once, for a store that needs no I/O (memory): the hub then
   * delivers in the same tick, as it does a plain push, so publications made in
   * a row leave together.
   */
  appendNow?(topic: string, frame: string, policy: HistoryPolicy): StreamPosition;
  /**
   * The stream's position and its publications after `after`, at most `limit` of
   * them; `read(topic, Infinity, 0)` asks for the position only. A topic never
   * published to has a fresh epoch and offset 0.
   */
  read(topic: string, after: number, limit: number): Promise<HistoryRead>;
  /** Drops the topic's history: the next publication starts a new epoch. */
  reset(topic: string): Promise<void>;
  /**
   * Resolves once publications of the topic made from now on reach this node
   * (in the cluster: its pub/sub subscription to the topic is confirmed).
   */
  listening?(topic: string): Promise<void>;
}

/** Injection token of the `TopicHistory` in use: the transport's, else one in memory. */
export const TOPIC_HISTORY = Symbol('TOPIC_HISTORY');
