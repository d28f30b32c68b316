import { Injectable } from '@nestjs/common';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import type { JsonRpcSession } from '../session/jsonrpc-session';

/** Which topics a connection may subscribe to: the app's `authorizeTopic`, and `maxTopicsPerConnection`. */
@Injectable()
export class SubscriptionPolicy {
  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly instrumentation: RpcInstrumentation,
  ) {}

  /**
   * Asks `authorizeTopic` about each topic; without one there is nothing to wait for
   * (undefined), and a subscription completes in the caller's tick.
   * @throws JsonRpcError -32003 (rejects) when `authorizeTopic` refuses one of `topics`
   */
  authorize(session: JsonRpcSession, topics: string[]): Promise<void> | undefined {
    const { authorizeTopic } = this.options;
    if (!authorizeTopic) return undefined;
    return this.ask(session, topics, authorizeTopic);
  }

  private async ask(
    session: JsonRpcSession,
    topics: string[],
    authorizeTopic: NonNullable<ResolvedJsonRpcWsOptions['authorizeTopic']>,
  ): Promise<void> {
    const verdicts = await Promise.all(topics.map(async (topic) => authorizeTopic(session, topic)));
    const refused = topics.filter((_, index) => verdicts[index] !== true);
    if (refused.length > 0) {
      throw new JsonRpcError(JsonRpcErrorCode.Forbidden, 'Subscription not allowed', {
        reason: 'Forbidden',
        topics: refused,
      });
    }
  }

  /** @throws JsonRpcError -32029 when `fresh` more topics would pass `maxTopicsPerConnection` */
  checkLimit(session: JsonRpcSession, fresh: number): void {
    const { maxTopicsPerConnection } = this.options;
    if (session.topics.size + fresh <= maxTopicsPerConnection) return;
    this.instrumentation.sink.limitRejected('topics');
    throw new JsonRpcError(JsonRpcErrorCode.TooManyRequests, 'Too many subscriptions', {
      reason: 'TooManyRequests',
      maxTopicsPerConnection,
    });
  }
}
