import { WsException } from '@nestjs/websockets';
import { Injectable, IntrinsicException, Logger } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';
import { RpcMethodHandler } from '../discovery/rpc-method-handler';
import { shapeParams } from './shape-params';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { ParsedEntry, ParserLimits, parseMessage } from '../protocol/jsonrpc.parser';
import { errorResponse, protocolError, successResponse } from '../protocol/jsonrpc.responses';
import { errorResponseText, PreparedError } from '../protocol/prepared-error';
import { JsonRpcErrorObject, JsonRpcRequest, JsonRpcResponse } from '../protocol/jsonrpc.types';
import { isThenable } from '../utils/is-thenable';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { RpcCallLogger } from '../logging/rpc-call-logger';
import { RpcRateLimiter } from '../rate-limit/rpc-rate.limiter';
import { JsonRpcContext } from './jsonrpc-context';
import { JsonRpcSession } from '../session/jsonrpc-session';
import { toJsonRpcError } from './rpc-exception.mapper';
import { RejectionBudget } from './rejection-budget';

/** Refusals made before any handler runs, serialised once (see PreparedError). */
const METHOD_NOT_FOUND = new PreparedError(protocolError('MethodNotFound'));
const SHUTTING_DOWN = new PreparedError(
  protocolError('ServiceUnavailable', undefined, 'Server shutting down'),
);
const TOO_MANY_REQUESTS = new PreparedError(protocolError('TooManyRequests'), 'retryAfterMs');

/** Turns one text frame into calls and sends back what JSON-RPC 2.0 says to send. */
@Injectable()
export class RpcDispatcher {
  private readonly logger = new Logger('JsonRpcWs');
  /** Named like Nest's own, which logs what the pipeline did not expect. */
  private readonly exceptionsLogger = new Logger('ExceptionsHandler');
  private readonly limits: ParserLimits;
  private draining = false;
  /** Request ids are this node's random prefix and a counter: unique, and cheap to make. */
  private readonly requestIdPrefix = `${randomBytes(4).toString('hex')}-`;
  private requestCount = 0;
  private readonly callLogger?: RpcCallLogger;
  private readonly rejections: RejectionBudget;

  constructor(
    @InjectJsonRpcWsOptions() options: ResolvedJsonRpcWsOptions,
    private readonly registry: RpcMethodRegistry,
    private readonly instrumentation: RpcInstrumentation,
    private readonly rateLimiter: RpcRateLimiter,
  ) {
    this.limits = {
      maxBatchSize: options.maxBatchSize,
      params: {
        maxDepth: options.maxParamsDepth,
        maxNodes: options.maxParamsNodes,
        maxKeys: options.maxParamsKeys,
      },
    };
    this.rejections = new RejectionBudget(options.maxRejections, options.rejectionWindowMs);
    if (options.logCalls) this.callLogger = new RpcCallLogger(options.logCalls);
  }

  /** From now on, requests are refused with -32053: the server is shutting down. */
  startDraining(): void {
    this.draining = true;
  }

  /**
   * Handles one text frame. When every handler answers synchronously the
   * replies are sent before this returns (and nothing is returned), so the
   * replies to one read can leave in one write; otherwise a promise settles
   * once they are sent.
   */
  dispatch(session: JsonRpcSession, text: string): void | Promise<void> {
    const message = parseMessage(text, this.limits);
    if (message.kind === 'rejected') {
      this.rejections.spend(session);
      const { error, id } = message.response;
      this.instrumentation.sink.request(undefined, error, 0);
      session.reply(errorResponseText(id, error));
      return;
    }
    if (message.kind === 'single') {
      const reply = this.run(session, message.entry);
      if (isThenable(reply)) return reply.then((text) => replyWith(session, text));
      return replyWith(session, reply);
    }
    // Batch entries run concurrently; replies keep the batch's order. An
    // all-notification batch gets no reply at all.
    const replies = message.entries.map((entry) => this.run(session, entry));
    if (replies.some(isThenable)) {
      return Promise.all(replies.map((reply) => Promise.resolve(reply))).then((settled) =>
        replyWithBatch(session, settled),
      );
    }
    return replyWithBatch(session, replies as Array<string | undefined>);
  }

  /** Runs one entry; gives the serialised response, or undefined for a notification. */
  private run(
    session: JsonRpcSession,
    entry: ParsedEntry,
  ): string | undefined | Promise<string | undefined> {
    const { sink } = this.instrumentation;
    if (!entry.ok) {
      this.rejections.spend(session);
      sink.request(undefined, entry.error, 0);
      return entry.notification ? undefined : errorResponseText(entry.id, entry.error);
    }
    const { request } = entry;
    const handler = this.draining ? undefined : this.registry.get(request.method);
    if (!handler) {
      const error = this.draining ? SHUTTING_DOWN : METHOD_NOT_FOUND;
      if (!this.draining) this.rejections.spend(session);
      sink.request(request.method, error, 0);
      return entry.notification ? undefined : error.responseTo(request.id ?? null);
    }
    const call: Call = {
      session,
      handler,
      request,
      notification: entry.notification,
      requestId: this.requestIdPrefix + (++this.requestCount).toString(36),
      started: this.instrumentation.enabled || this.callLogger ? performance.now() : 0,
    };
    const retryAfterMs = this.rateLimiter.consume(session, handler);
    if (retryAfterMs === undefined) return this.invoke(call);
    if (!isThenable(retryAfterMs)) return this.refused(call, retryAfterMs);
    return retryAfterMs.then((settled) =>
      settled === undefined ? this.invoke(call) : this.refused(call, settled),
    );
  }

  /** A call over its rate limit: answered from the prepared text, no response object built. */
  private refused(call: Call, retryAfterMs: number): string | undefined {
    this.rejections.spend(call.session);
    this.report(call, TOO_MANY_REQUESTS);
    if (call.notification) return undefined;
    return TOO_MANY_REQUESTS.responseTo(call.request.id ?? null, retryAfterMs);
  }

  /** Runs the call through its pipeline; the serialised response, or undefined for a notification. */
  private invoke(call: Call): string | undefined | Promise<string | undefined> {
    const { session, handler, request } = call;
    let result: unknown;
    try {
      const context: JsonRpcContext = {
        method: request.method,
        id: request.id,
        requestId: call.requestId,
        params: shapeParams(handler, request.params),
        session,
      };
      result = handler.invoke(session.socket, context.params, context, request.method);
    } catch (error) {
      return this.failed(call, error);
    }
    if (!isThenable(result)) return this.finish(call, successResponse(request.id ?? null, result));
    return Promise.resolve(result).then(
      (value) => this.finish(call, successResponse(request.id ?? null, value)),
      (error: unknown) => this.failed(call, error),
    );
  }

  private failed(call: Call, error: unknown): string | undefined {
    // As Nest's default filter would; a WsException is the client's error, as on the runner's path.
    if (
      call.handler.direct &&
      error instanceof Error &&
      !(error instanceof IntrinsicException) &&
      !(error instanceof WsException)
    ) {
      this.exceptionsLogger.error(error);
    }
    return this.finish(call, errorResponse(call.request.id ?? null, toJsonRpcError(error)));
  }

  /** Serialises the response, then reports the call. */
  private finish(call: Call, response: JsonRpcResponse): string | undefined {
    let text: string | undefined;
    if (!call.notification) {
      try {
        text = JSON.stringify(response);
      } catch (error) {
        response = this.unserialisable(response, call.request.method, error);
        text = JSON.stringify(response);
      }
    }
    this.report(call, 'error' in response ? response.error : undefined);
    return text;
  }

  /** Reports a call to the metrics, and logs it under `logCalls`. */
  private report(call: Call, error: JsonRpcErrorObject | undefined): void {
    const { request, session } = call;
    const seconds = elapsed(call.started);
    this.instrumentation.sink.request(request.method, error, seconds);
    if (this.callLogger?.enabled(error?.code ?? 0)) {
      this.callLogger.write({
        method: request.method,
        id: request.id,
        requestId: call.requestId,
        connectionId: session.id,
        userId: session.userId,
        code: error?.code ?? 0,
        durationMs: Math.round(seconds * 1e6) / 1000,
      });
    }
  }

  /** A response JSON cannot carry: logged, and answered -32603 instead (no tuple per call). */
  private unserialisable(
    response: JsonRpcResponse,
    method: string,
    error: unknown,
  ): JsonRpcResponse {
    // A result that JSON cannot carry (a BigInt, a cycle) is the handler's bug, not the client's.
    this.logger.error(
      `The result of "${method}" cannot be serialised to JSON`,
      error instanceof Error ? error.stack : String(error),
    );
    return errorResponse(response.id, protocolError('InternalError'));
  }
}

/** One call on its way through `run()`. */
interface Call {
  session: JsonRpcSession;
  handler: RpcMethodHandler;
  request: JsonRpcRequest;
  notification: boolean;
  requestId: string;
  /** performance.now() when it started, or 0 when nobody needs its duration. */
  started: number;
}

function replyWith(session: JsonRpcSession, text: string | undefined): void {
  if (text !== undefined) session.reply(text);
}

function replyWithBatch(session: JsonRpcSession, replies: Array<string | undefined>): void {
  const parts = replies.filter((reply): reply is string => reply !== undefined);
  if (parts.length > 0) session.reply(`[${parts.join(',')}]`);
}

function elapsed(startedMs: number): number {
  return startedMs === 0 ? 0 : (performance.now() - startedMs) / 1000;
}
