import { Injectable, IntrinsicException, Logger } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';
import { shapeParams } from '../discovery/rpc-method-handler';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { InjectJsonRpcWsOptions } from '../jsonrpc-ws.module-definition';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { ParsedEntry, ParserLimits, parseMessage } from '../protocol/jsonrpc.parser';
import { errorResponse, protocolError, successResponse } from '../protocol/jsonrpc.responses';
import { JsonRpcId, JsonRpcResponse } from '../protocol/jsonrpc.types';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { RpcCallLogger } from '../logging/rpc-call-logger';
import { JsonRpcContext } from './jsonrpc-context';
import { JsonRpcSession } from './jsonrpc-session';
import { toJsonRpcError } from './rpc-exception.mapper';

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

  constructor(
    @InjectJsonRpcWsOptions() options: ResolvedJsonRpcWsOptions,
    private readonly registry: RpcMethodRegistry,
    private readonly instrumentation: RpcInstrumentation,
  ) {
    this.limits = { maxBatchSize: options.maxBatchSize, maxParamsDepth: options.maxParamsDepth };
    if (options.logCalls) this.callLogger = new RpcCallLogger(options.logCalls);
  }

  /** From now on, requests are refused with -32053: the server is shutting down. */
  startDraining(): void {
    this.draining = true;
  }

  async dispatch(session: JsonRpcSession, text: string): Promise<void> {
    const message = parseMessage(text, this.limits);
    if (message.kind === 'rejected') {
      this.instrumentation.sink.request(undefined, message.response.error, 0);
      session.reply(JSON.stringify(message.response));
      return;
    }
    if (message.kind === 'single') {
      const reply = await this.run(session, message.entry);
      if (reply !== undefined) session.reply(reply);
      return;
    }
    // Batch entries run concurrently; replies keep the batch's order. An
    // all-notification batch gets no reply at all.
    const replies = await Promise.all(message.entries.map((entry) => this.run(session, entry)));
    const parts = replies.filter((reply): reply is string => reply !== undefined);
    if (parts.length > 0) session.reply(`[${parts.join(',')}]`);
  }

  /** Runs one entry; resolves to the serialised response, or undefined for a notification. */
  private async run(session: JsonRpcSession, entry: ParsedEntry): Promise<string | undefined> {
    const { sink } = this.instrumentation;
    if (!entry.ok) {
      sink.request(undefined, entry.error, 0);
      return entry.notification ? undefined : JSON.stringify(errorResponse(entry.id, entry.error));
    }
    const { request, notification } = entry;
    const id: JsonRpcId = request.id ?? null;
    const handler = this.draining ? undefined : this.registry.get(request.method);
    if (!handler) {
      const error = this.draining
        ? protocolError('ServiceUnavailable', undefined, 'Server shutting down')
        : protocolError('MethodNotFound');
      sink.request(request.method, error, 0);
      return notification ? undefined : JSON.stringify(errorResponse(id, error));
    }
    const started = this.instrumentation.enabled || this.callLogger ? performance.now() : 0;
    const requestId = this.requestIdPrefix + (++this.requestCount).toString(36);
    let response: JsonRpcResponse;
    try {
      const context: JsonRpcContext = {
        method: request.method,
        id: request.id,
        requestId,
        params: shapeParams(handler, request.params),
        session,
      };
      const result = await handler.invoke(session.socket, context.params, context);
      response = successResponse(id, result);
    } catch (error) {
      if (handler.direct && error instanceof Error && !(error instanceof IntrinsicException)) {
        this.exceptionsLogger.error(error);
      }
      response = errorResponse(id, toJsonRpcError(error));
    }
    let text: string | undefined;
    if (!notification) [text, response] = this.serialize(response, request.method);
    const error = 'error' in response ? response.error : undefined;
    const seconds = elapsed(started);
    sink.request(request.method, error, seconds);
    if (this.callLogger?.enabled(error?.code ?? 0)) {
      this.callLogger.write({
        method: request.method,
        id: request.id,
        requestId,
        connectionId: session.id,
        userId: session.userId,
        code: error?.code ?? 0,
        durationMs: Math.round(seconds * 1e6) / 1000,
      });
    }
    return text;
  }

  /** Serialises a response; one JSON cannot carry becomes -32603, which is what was sent. */
  private serialize(response: JsonRpcResponse, method?: string): [string, JsonRpcResponse] {
    try {
      return [JSON.stringify(response), response];
    } catch (error) {
      // A result that JSON cannot carry (a BigInt, a cycle) is the handler's bug, not the client's.
      this.logger.error(
        `The result of "${method}" cannot be serialised to JSON`,
        error instanceof Error ? error.stack : String(error),
      );
      const fallback = errorResponse(response.id, protocolError('InternalError'));
      return [JSON.stringify(fallback), fallback];
    }
  }
}

function elapsed(startedMs: number): number {
  return startedMs === 0 ? 0 : (performance.now() - startedMs) / 1000;
}
