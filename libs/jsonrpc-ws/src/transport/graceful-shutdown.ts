import { Injectable } from '@nestjs/common';
import { WebSocket } from 'ws';
import { HubEvents } from '../hub/hub-events';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { RpcDispatcher } from '../pipeline/rpc.dispatcher';
import { CloseCode } from '../protocol/close-codes';
import { JsonRpcSession } from '../session/jsonrpc-session';
import { SessionRegistry } from '../session/session-registry';
import { ConnectionHandler } from './connection-handler';

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;
/**
 * How long connections stay open after `session.shutdown`, at least: a request a client
 * sends on seeing the notice still arrives in time to be answered -32053.
 */
const SHUTDOWN_LINGER_MS = 200;

/**
 * Ends every connection when the application shuts down: tells each client when
 * to come back, refuses new requests (-32053), lets in-flight ones finish,
 * answers every request already read (queued by the fair intake included),
 * closes each connection with 1001 once its answers are written (waiting at most
 * `shutdownTimeoutMs` for that), and waits for `disconnected` listeners.
 */
@Injectable()
export class GracefulShutdown {
  /** Set when shutdown begins: from then on no new connection or stream is accepted. */
  started = false;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly dispatcher: RpcDispatcher,
    private readonly registry: SessionRegistry,
    private readonly connections: ConnectionHandler,
    private readonly events: HubEvents,
  ) {}

  async run(): Promise<void> {
    this.started = true;
    this.dispatcher.startDraining();
    const deadline = Date.now() + this.options.shutdownTimeoutMs;
    const [min, max] = this.options.reconnectAfterMs;
    for (const session of this.registry.all()) {
      const reconnectAfterMs = min + Math.floor(Math.random() * (max - min + 1));
      session.notify('session.shutdown', { reason: 'Server shutting down', reconnectAfterMs });
    }
    if (this.registry.size > 0)
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_LINGER_MS));
    await Promise.all([...this.registry.all()].map((session) => this.finish(session, deadline)));
    // Requests of connections that went away meanwhile still get to finish.
    await this.connections.drain(Math.max(0, deadline - Date.now()));
    await this.events.settled();
  }

  /** Closes a connection once it has answered everything it read, or at the deadline. */
  private async finish(session: JsonRpcSession, deadline: number): Promise<void> {
    await this.connections.answered(session, Math.max(0, deadline - Date.now()));
    await this.close(session);
  }

  private close(session: JsonRpcSession): Promise<void> {
    const ws = session.socket;
    if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      session.end({
        code: CloseCode.GoingAway,
        reason: 'shutdown',
        message: 'Server shutting down',
      });
      // Also covers a session already ending for another reason: all are gone within the grace period.
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    });
  }
}
