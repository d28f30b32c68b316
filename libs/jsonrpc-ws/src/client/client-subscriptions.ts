import { RpcConnectionError } from './client-errors';
import type { CallOptions, PublicationPosition } from './client-types';
import type { Listeners } from './listeners';
import { readPublication, readSubscribeAnswer, SubscribeAnswer } from './publication';
import { StreamRequest, TopicPositions } from './topic-positions';

/** A `subscribe` call: through the client's queue, or straight on a socket. */
export type SubscribeCall = (params: unknown) => Promise<unknown>;

export interface SubscriptionCalls {
  /** A call through the client's queue, as `client.call()` makes it. */
  call(method: string, params: unknown, options?: CallOptions): Promise<unknown>;
  /** A call on the current socket, ahead of the queue (a recovery must not wait behind it). */
  now(method: string, params: unknown): Promise<unknown>;
}

/**
 * The topics the client subscribed to, subscribed again after each reconnect,
 * and for those with history the position the app has: every `subscribe` asks
 * for positions and sends `since` for the topics it knows, so what was missed
 * (across a reconnect, or in a gap) is delivered before anything newer.
 */
export class ClientSubscriptions {
  private readonly topics = new Set<string>();
  private readonly positions: TopicPositions;

  constructor(
    /** The app's `on(method)` listeners: publications are given to them unwrapped. */
    notifications: Listeners<[unknown, PublicationPosition | undefined]>,
    /** Where `recovered` events go. */
    lifecycle: Listeners,
    private readonly calls: SubscriptionCalls,
  ) {
    this.positions = new TopicPositions({
      deliver: ({ topic, offset, epoch, method, params }) =>
        notifications.emit(method, params, { topic, offset, epoch }),
      recovered: (event) => lifecycle.emit('recovered', event),
      recover: (request) =>
        // A failure is settled by `fail()` (a lost connection recovers on reconnect).
        void this.send(request, (params) => calls.now('subscribe', params)).catch(() => undefined),
    });
  }

  async subscribe(topics: string[], options?: CallOptions): Promise<string[]> {
    const request = this.positions.begin(topics, 'subscribe');
    const { subscribed } = await this.send(request, (params) =>
      this.calls.call('subscribe', params, options),
    );
    for (const topic of subscribed) this.topics.add(topic);
    return subscribed;
  }

  async unsubscribe(topics: string[], options?: CallOptions): Promise<string[]> {
    for (const topic of topics) this.topics.delete(topic);
    this.positions.forget(topics);
    const { unsubscribed } = (await this.calls.call('unsubscribe', { topics }, options)) as {
      unsubscribed: string[];
    };
    return unsubscribed;
  }

  /** On a fresh socket, before it counts as connected: subscribes again, recovering what was missed. */
  async resubscribe(call: SubscribeCall): Promise<void> {
    if (this.topics.size === 0) return;
    await this.send(this.positions.begin([...this.topics], 'reconnect'), call);
  }

  /** A `publication` notification: delivered unwrapped; false when it has not that shape. */
  receive(params: unknown): boolean {
    const publication = readPublication(params);
    if (!publication) return false;
    this.positions.publication(publication);
    return true;
  }

  /** The connection is gone: nothing more comes on it. */
  lost(): void {
    this.positions.lost();
  }

  private async send(request: StreamRequest, call: SubscribeCall): Promise<SubscribeAnswer> {
    const since = Object.keys(request.since).length > 0 ? { since: request.since } : {};
    let answer: SubscribeAnswer;
    try {
      answer = readSubscribeAnswer(await call({ topics: request.topics, recover: true, ...since }));
    } catch (error) {
      this.positions.fail(request, error instanceof RpcConnectionError);
      throw error;
    }
    this.positions.settle(request, answer);
    return answer;
  }
}
