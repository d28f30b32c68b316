import { Injectable } from '@nestjs/common';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import type { StreamPosition } from './topic-history.interface';

/** A publication held back while its subscriber recovers. */
export interface HeldPublication {
  position: StreamPosition;
  frame: string;
}

/**
 * Which subscriptions asked for positions (they get `publication` notifications
 * carrying offset and epoch), and which are recovering: their live publications
 * are held until the recovery's answer has been written, then sent after it, so
 * none is lost, duplicated or overtakes the recovered ones. Kept beside the
 * sessions, not in them: it goes when the session goes.
 */
@Injectable()
export class PositionedSubscriptions {
  private readonly bySession = new WeakMap<JsonRpcSession, Map<string, HeldPublication[] | null>>();

  /** `undefined`: plain notifications; `null`: positioned, live; an array: recovering. */
  state(session: JsonRpcSession, topic: string): HeldPublication[] | null | undefined {
    return this.bySession.get(session)?.get(topic);
  }

  /** Starts holding the topic's publications for the session (positioned from now on). */
  hold(session: JsonRpcSession, topic: string): void {
    let topics = this.bySession.get(session);
    if (!topics)
      this.bySession.set(session, (topics = new Map<string, HeldPublication[] | null>()));
    if (!Array.isArray(topics.get(topic))) topics.set(topic, []);
  }

  /** Ends the hold: returns what was held, and delivers live from now on. */
  release(session: JsonRpcSession, topic: string): HeldPublication[] {
    const topics = this.bySession.get(session);
    const held = topics?.get(topic);
    if (!topics || !Array.isArray(held)) return [];
    topics.set(topic, null);
    return held;
  }

  /** Plain notifications again (on unsubscribe). */
  forget(session: JsonRpcSession, topic: string): void {
    this.bySession.get(session)?.delete(topic);
  }
}
