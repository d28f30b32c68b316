import { Injectable } from '@nestjs/common';
import type { HubTarget } from '../hub/hub-target';
import type { JsonRpcErrorObject } from '../protocol/jsonrpc.types';

/** A connection-level limit that refused something. */
export type LimitKind = 'connections' | 'user' | 'platform' | 'topics' | 'rate';

/**
 * What the server reports as it works, for metrics. Called on hot paths:
 * implementations must be cheap and must not throw.
 */
export interface InstrumentationSink {
  /**
   * A request or notification was answered (or dropped, for notifications).
   * `method` is undefined when the message could not be read as a request.
   */
  request(method: string | undefined, error: JsonRpcErrorObject | undefined, seconds: number): void;
  /** A push went out to `delivered` connections. */
  push(kind: HubTarget['kind'], delivered: number, bytes: number): void;
  /** A message was not sent because a client's buffer was full. */
  dropped(): void;
  limitRejected(kind: LimitKind): void;
  rateLimited(method: string): void;
  /** The admin HTTP API answered `endpoint` (its handler's name) with `status`. */
  httpRequest(endpoint: string, status: number, seconds: number): void;
}

const NOOP_SINK: InstrumentationSink = {
  request: () => undefined,
  push: () => undefined,
  dropped: () => undefined,
  limitRejected: () => undefined,
  rateLimited: () => undefined,
  httpRequest: () => undefined,
};

/** Where the server sends what `InstrumentationSink` describes; a no-op until metrics plug in. */
@Injectable()
export class RpcInstrumentation {
  sink: InstrumentationSink = NOOP_SINK;

  /** Whether anything listens (so callers can skip measuring). */
  get enabled(): boolean {
    return this.sink !== NOOP_SINK;
  }
}
