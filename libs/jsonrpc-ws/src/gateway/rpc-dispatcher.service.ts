import { Injectable, Logger } from '@nestjs/common';
import { shapeParams } from '../discovery/rpc-method-handler';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { InjectJsonRpcWsOptions } from '../jsonrpc-ws.module-definition';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { ParsedEntry, ParserLimits, parseMessage } from '../protocol/jsonrpc.parser';
import { errorResponse, protocolError, successResponse } from '../protocol/jsonrpc.responses';
import { JsonRpcId, JsonRpcResponse } from '../protocol/jsonrpc.types';
import { JsonRpcContext } from './jsonrpc-context';
import { JsonRpcSession } from './jsonrpc-session';
import { toJsonRpcError } from './rpc-exception.mapper';

/** Turns one text frame into calls and sends back what JSON-RPC 2.0 says to send. */
@Injectable()
export class RpcDispatcher {
  private readonly logger = new Logger('JsonRpcWs');
  private readonly limits: ParserLimits;
  private draining = false;

  constructor(
    @InjectJsonRpcWsOptions() options: ResolvedJsonRpcWsOptions,
    private readonly registry: RpcMethodRegistry,
  ) {
    this.limits = { maxBatchSize: options.maxBatchSize, maxParamsDepth: options.maxParamsDepth };
  }

  /** From now on, requests are refused with -32053: the server is shutting down. */
  startDraining(): void {
    this.draining = true;
  }

  async dispatch(session: JsonRpcSession, text: string): Promise<void> {
    const message = parseMessage(text, this.limits);
    if (message.kind === 'rejected') {
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
    if (!entry.ok) {
      return entry.notification ? undefined : this.serialize(errorResponse(entry.id, entry.error));
    }
    const { request, notification } = entry;
    const id: JsonRpcId = request.id ?? null;
    if (this.draining) {
      const error = protocolError('ServiceUnavailable', undefined, 'Server shutting down');
      return notification ? undefined : this.serialize(errorResponse(id, error));
    }
    const handler = this.registry.get(request.method);
    if (!handler) {
      return notification
        ? undefined
        : this.serialize(errorResponse(id, protocolError('MethodNotFound')));
    }
    let response: JsonRpcResponse;
    try {
      const context: JsonRpcContext = {
        method: request.method,
        id: request.id,
        params: shapeParams(handler, request.params),
        session,
      };
      const result = await handler.invoke(session.socket, context.params, context);
      response = successResponse(id, result);
    } catch (error) {
      response = errorResponse(id, toJsonRpcError(error));
    }
    return notification ? undefined : this.serialize(response, request.method);
  }

  private serialize(response: JsonRpcResponse, method?: string): string {
    try {
      return JSON.stringify(response);
    } catch (error) {
      // A result that JSON cannot carry (a BigInt, a cycle) is the handler's bug, not the client's.
      this.logger.error(
        `The result of "${method}" cannot be serialised to JSON`,
        error instanceof Error ? error.stack : String(error),
      );
      return JSON.stringify(errorResponse(response.id, protocolError('InternalError')));
    }
  }
}
