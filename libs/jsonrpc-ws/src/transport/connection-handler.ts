import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'http';
import type { Duplex } from 'stream';
import type { RawData, WebSocket } from 'ws';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { HubEvents } from '../hub/hub-events';
import { HubService } from '../hub/hub.service';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { RpcDispatcher } from '../pipeline/rpc.dispatcher';
import { CloseCode } from '../protocol/close-codes';
import type { CloseReason } from '../session/close-reason';
import { JsonRpcSession } from '../session/jsonrpc-session';
import { OutboundGate } from '../session/outbound-gate';
import { SessionIdentity } from '../session/session-identity';
import { SessionRegistry } from '../session/session-registry';
import { ConnectionDrain } from './connection-drain';
import { ConnectionIntake } from './connection-intake';

/** Close codes `ws` or this server use for malformed input. */
const PROTOCOL_ERROR_CODES = new Set<number>([
  CloseCode.UnsupportedData,
  CloseCode.InvalidPayload,
  CloseCode.MessageTooBig,
]);

/**
 * Wires an accepted WebSocket into a session: registers it with the hub, feeds
 * its text messages to the dispatcher in their turn, bounds what one connection
 * has in flight, and reports its end. Counts the requests in flight across all
 * connections, and tells when a connection has answered all it read, so that
 * shutdown can wait for them.
 */
@Injectable()
export class ConnectionHandler {
  private readonly logger = new Logger('JsonRpcWs');
  private inFlight = 0;
  private onDrained?: () => void;
  /** Each open connection's intake and TCP socket, for shutdown to wait on. */
  private readonly open = new Map<JsonRpcSession, { intake: ConnectionIntake; tcp: Duplex }>();
  /** Shutdown's waits, one per connection still answering. */
  private readonly drains = new Map<JsonRpcSession, ConnectionDrain>();

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly dispatcher: RpcDispatcher,
    private readonly registry: SessionRegistry,
    private readonly hub: HubService,
    private readonly events: HubEvents,
    private readonly gate: OutboundGate,
  ) {}

  accept(ws: WebSocket, request: IncomingMessage, identity?: SessionIdentity): void {
    const session = new JsonRpcSession(ws, request.socket.remoteAddress, this.gate, request.socket);
    this.registry.add(session);
    const intake = new ConnectionIntake(
      session,
      (text) => this.run(session, text),
      () => this.drains.get(session)?.check(),
    );
    this.open.set(session, { intake, tcp: request.socket });
    ws.on('message', (data: RawData, isBinary: boolean) =>
      this.onMessage(session, intake, data, isBinary),
    );
    ws.on('pong', () => (session.lastSeenAt = Date.now()));
    ws.on('error', (error) => this.logger.debug(`Connection ${session.id}: ${error.message}`));
    ws.once('close', (code: number) => this.onClose(session, code));
    this.events.emit('connected', { session });
    if (identity) this.loginOnConnect(session, identity);
  }

  /** Resolves once no request is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.onDrained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Resolves once `session` has written the answer to every message it read (see
   * ConnectionDrain), has closed, or after `timeoutMs`. Reading goes on meanwhile.
   */
  answered(session: JsonRpcSession, timeoutMs: number): Promise<void> {
    const connection = this.open.get(session);
    // An SSE stream reads nothing: its requests come over HTTP.
    if (!connection) return Promise.resolve();
    const drain = new ConnectionDrain(session, connection.intake, connection.tcp, timeoutMs);
    this.drains.set(session, drain);
    return drain.done.finally(() => this.drains.delete(session));
  }

  /** An identity from the upgrade logs the connection in before any of its messages is read. */
  private loginOnConnect(session: JsonRpcSession, identity: SessionIdentity): void {
    session.holdReading('login');
    this.hub.login(session, identity).then(
      () => session.releaseReading('login'),
      (error: unknown) => {
        // A refusing limit has already queued its ending (session.rejected, 4005).
        session.flushPendingEnding();
        if (error instanceof JsonRpcError) {
          this.logger.warn(`Login at connection refused: ${error.message}`);
        } else {
          this.logger.error(
            'Login at connection failed',
            error instanceof Error ? error.stack : String(error),
          );
        }
        session.end({ code: CloseCode.InternalError, reason: 'error' });
      },
    );
  }

  private onMessage(
    session: JsonRpcSession,
    intake: ConnectionIntake,
    data: RawData,
    isBinary: boolean,
  ): void {
    session.lastSeenAt = Date.now();
    if (isBinary) {
      session.end({
        code: CloseCode.UnsupportedData,
        reason: 'protocol-error',
        message: 'Binary frames are not supported',
      });
      return;
    }
    // With the default binaryType a message is one Buffer, whose UTF-8 ws has already checked (else 1007).
    intake.accept((data as Buffer).toString());
  }

  /** Dispatches one message of a connection, in its turn. */
  private run(session: JsonRpcSession, text: string): void {
    this.inFlight++;
    // Past the per-connection limit, stop reading: TCP backpressure then slows the client down.
    if (++session.inFlight === this.options.maxInFlightPerConnection)
      session.holdReading('in-flight');
    let pending: void | Promise<void>;
    try {
      pending = this.dispatcher.dispatch(session, text);
    } catch (error) {
      return this.dispatchFailed(session, error);
    }
    if (!pending) return this.settle(session);
    pending.then(
      () => this.settle(session),
      (error: unknown) => this.dispatchFailed(session, error),
    );
  }

  /** A bug of the dispatcher's own, not of a handler: logged, and the connection goes on. */
  private dispatchFailed(session: JsonRpcSession, error: unknown): void {
    this.logger.error(
      `Dispatch failed on connection ${session.id}`,
      error instanceof Error ? error.stack : String(error),
    );
    this.settle(session);
  }

  private settle(session: JsonRpcSession): void {
    if (session.inFlight-- === this.options.maxInFlightPerConnection)
      session.releaseReading('in-flight');
    session.flushPendingEnding();
    if (this.drains.size > 0) this.drains.get(session)?.check();
    if (--this.inFlight === 0) this.onDrained?.();
  }

  private onClose(session: JsonRpcSession, code: number): void {
    this.open.delete(session);
    if (!this.registry.remove(session)) return;
    const reason: CloseReason =
      session.closeReason ?? (PROTOCOL_ERROR_CODES.has(code) ? 'protocol-error' : 'client');
    this.events.emit('disconnected', { session, reason, code });
  }
}
