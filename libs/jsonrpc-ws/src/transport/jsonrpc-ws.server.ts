import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ExternalContextCreator, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'http';
import type { Duplex } from 'stream';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { JsonRpcError } from '../errors/jsonrpc.error';
import type { CloseReason } from '../session/close-reason';
import { HubEvents } from '../hub/hub-events';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { HubService } from '../hub/hub.service';
import { OutboundGate } from '../session/outbound-gate';
import { SessionIdentity } from '../session/session-identity';
import { SessionRegistry } from '../session/session-registry';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { CloseCode } from '../protocol/close-codes';
import { JsonRpcSession } from '../session/jsonrpc-session';
import { RpcDispatcher } from '../pipeline/rpc-dispatcher.service';
import { UpgradeAuthorizer } from './upgrade-authorizer';
import { refuseUpgrade } from './upgrade-refusal';
import { UpgradeRouter } from './upgrade-router';
import { ConnectionIntake } from './connection-intake';
import { webSocketAdapterOf } from '../pipeline/nest-internals';

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;
/**
 * How long connections stay open after `session.shutdown`, at least: a request a client
 * sends on seeing the notice still arrives in time to be answered -32053.
 */
const SHUTDOWN_LINGER_MS = 200;

/** Close codes `ws` or this server use for malformed input. */
const PROTOCOL_ERROR_CODES = new Set<number>([
  CloseCode.UnsupportedData,
  CloseCode.InvalidPayload,
  CloseCode.MessageTooBig,
]);

/**
 * Owns the WebSocket endpoint on the application's HTTP server: takes the
 * `upgrade` so it can refuse with an HTTP status before the 101, registers each
 * connection with the hub, feeds text frames to the dispatcher, and shuts down
 * gracefully.
 */
@Injectable()
export class JsonRpcWsServer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('JsonRpcWs');
  private wss?: WebSocketServer;
  private router?: UpgradeRouter;
  private closing = false;
  private pendingUpgrades = 0;
  private inFlight = 0;
  private onDrained?: () => void;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly authorizer: UpgradeAuthorizer,
    private readonly dispatcher: RpcDispatcher,
    private readonly registry: SessionRegistry,
    private readonly hub: HubService,
    private readonly events: HubEvents,
    private readonly gate: OutboundGate,
    private readonly instrumentation: RpcInstrumentation,
    private readonly contextCreator: ExternalContextCreator,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!httpServer) {
      this.logger.warn(
        'No HTTP server (application context?): the WebSocket endpoint is not served',
      );
      return;
    }
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayload,
      // Compression costs CPU and memory per connection and invites zip bombs. Sessions
      // also write their own frames, which is only safe while `ws` never queues (no deflate).
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.router = new UpgradeRouter(httpServer, this.options.path, this.onUpgrade);
    this.router.install(webSocketAdapterOf(this.contextCreator));
  }

  /**
   * Graceful shutdown: refuse new upgrades and requests, tell every client when
   * to come back, let in-flight requests finish, close with 1001, and wait for
   * `disconnected` listeners.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.dispatcher.startDraining();
    const [min, max] = this.options.reconnectAfterMs;
    for (const session of this.registry.all()) {
      const reconnectAfterMs = min + Math.floor(Math.random() * (max - min + 1));
      session.notify('session.shutdown', { reason: 'Server shutting down', reconnectAfterMs });
    }
    const linger =
      this.registry.size > 0
        ? new Promise((resolve) => setTimeout(resolve, SHUTDOWN_LINGER_MS))
        : undefined;
    await Promise.all([this.drain(this.options.shutdownTimeoutMs), linger]);
    await Promise.all([...this.registry.all()].map((session) => this.closeForShutdown(session)));
    await this.events.settled();
  }

  onApplicationShutdown(): void {
    this.router?.close();
    this.wss?.close();
  }

  /** An upgrade to the endpoint's path (the router sends every other path elsewhere). */
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Until the 101, a socket error must not become an uncaught exception.
    socket.on('error', ignore);
    if (this.closing) return refuseUpgrade(socket, 503, 'Server shutting down');
    const { maxConnections } = this.options;
    if (maxConnections > 0 && this.registry.size + this.pendingUpgrades >= maxConnections) {
      this.instrumentation.sink.limitRejected('connections');
      return refuseUpgrade(socket, 503, 'Too many connections');
    }
    this.pendingUpgrades++;
    void this.authorizer.authorize(request).then((verdict) => {
      this.pendingUpgrades--;
      if (!verdict.accepted) return refuseUpgrade(socket, verdict.status, verdict.message);
      if (socket.destroyed) return;
      if (this.closing) return refuseUpgrade(socket, 503, 'Server shutting down');
      this.wss!.handleUpgrade(request, socket, head, (ws) => {
        socket.off('error', ignore);
        this.onConnection(ws, request, verdict.identity);
      });
    });
  };

  private onConnection(ws: WebSocket, request: IncomingMessage, identity?: SessionIdentity): void {
    const session = new JsonRpcSession(ws, request.socket.remoteAddress, this.gate, request.socket);
    this.registry.add(session);
    const intake = new ConnectionIntake(session, (text) => this.run(session, text));
    ws.on('message', (data: RawData, isBinary: boolean) =>
      this.onMessage(session, intake, data, isBinary),
    );
    ws.on('pong', () => (session.lastSeenAt = Date.now()));
    ws.on('error', (error) => this.logger.debug(`Connection ${session.id}: ${error.message}`));
    ws.once('close', (code: number) => this.onClose(session, code));
    this.events.emit('connected', { session });
    if (identity) this.loginOnConnect(session, identity);
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
    if (--this.inFlight === 0) this.onDrained?.();
  }

  private onClose(session: JsonRpcSession, code: number): void {
    if (!this.registry.remove(session)) return;
    const reason: CloseReason =
      session.closeReason ?? (PROTOCOL_ERROR_CODES.has(code) ? 'protocol-error' : 'client');
    this.events.emit('disconnected', { session, reason, code });
  }

  private drain(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.onDrained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private closeForShutdown(session: JsonRpcSession): Promise<void> {
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

function ignore(): void {}
