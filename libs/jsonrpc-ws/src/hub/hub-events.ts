import { Injectable, Logger } from '@nestjs/common';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import type { CloseReason } from '../session/close-reason';

/** What happens to connections, for listeners registered with `HubService.on()` or `@OnHubEvent()`. */
export interface HubEventMap {
  connected: { session: JsonRpcSession };
  authenticated: { session: JsonRpcSession; userId: string; platform: string };
  disconnected: { session: JsonRpcSession; reason: CloseReason; code: number };
  subscribed: { session: JsonRpcSession; topics: string[] };
  unsubscribed: { session: JsonRpcSession; topics: string[] };
}

export type HubEventName = keyof HubEventMap;
export type HubEventListener<E extends HubEventName> = (event: HubEventMap[E]) => unknown;

/**
 * Calls listeners without letting one failure reach the hub or another
 * listener; remembers async ones so shutdown can wait for them.
 */
@Injectable()
export class HubEvents {
  private readonly logger = new Logger('JsonRpcWs');
  private readonly listeners = new Map<HubEventName, Set<HubEventListener<never>>>();
  private readonly pending = new Set<Promise<unknown>>();

  on<E extends HubEventName>(name: E, listener: HubEventListener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends HubEventName>(name: E, event: HubEventMap[E]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of set) {
      try {
        const result = (listener as HubEventListener<E>)(event);
        if (result instanceof Promise) this.track(name, result);
      } catch (error) {
        this.report(name, error);
      }
    }
  }

  /** Resolves when every async listener started so far has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private track(name: HubEventName, promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => this.report(name, error));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private report(name: HubEventName, error: unknown): void {
    this.logger.error(
      `A "${name}" listener failed`,
      error instanceof Error ? error.stack : String(error),
    );
  }
}
