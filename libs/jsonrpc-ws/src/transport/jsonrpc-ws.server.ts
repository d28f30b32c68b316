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
import { WebSocketServer } from 'ws';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { webSocketAdapterOf } from '../pipeline/nest-internals';
import { SessionRegistry } from '../session/session-registry';
import { ConnectionHandler } from './connection-handler';
import { GracefulShutdown } from './graceful-shutdown';
import { JsonRpcWebSocket } from './jsonrpc-websocket';
import { UpgradeAuthorizer } from './upgrade-authorizer';
import { RefusalLog } from '../logging/refusal-log';
import { refuseUpgrade } from './upgrade-refusal';
import { UpgradeRouter } from './upgrade-router';

/**
 * Owns the WebSocket endpoint on the application's HTTP server: takes the
 * `upgrade` so it can refuse with an HTTP status before the 101 (shutting down,
 * connection limit, origin, authentication), hands each accepted socket to the
 * connection handler, and shuts down gracefully.
 */
@Injectable()
export class JsonRpcWsServer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('JsonRpcWs');
  private readonly refusals = new RefusalLog(this.logger, 'WebSocket upgrade');
  private wss?: WebSocketServer;
  private router?: UpgradeRouter;
  private closing = false;
  private pendingUpgrades = 0;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly authorizer: UpgradeAuthorizer,
    private readonly registry: SessionRegistry,
    private readonly connections: ConnectionHandler,
    private readonly shutdown: GracefulShutdown,
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
      // Compression costs CPU and memory per connection and invites zip bombs; without it,
      // `ws` never queues, and sessions can write their own frames (see frame-writer.ts).
      perMessageDeflate: false,
      clientTracking: false,
      WebSocket: JsonRpcWebSocket,
    });
    this.router = new UpgradeRouter(httpServer, this.options.path, this.onUpgrade);
    this.router.install(webSocketAdapterOf(this.contextCreator));
  }

  /** Graceful shutdown: new upgrades are refused from here on (see GracefulShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.shutdown.run();
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
      return this.refuse(
        request,
        socket,
        503,
        `Too many connections (maxConnections ${maxConnections})`,
      );
    }
    this.pendingUpgrades++;
    void this.authorizer.authorize(request).then((verdict) => {
      this.pendingUpgrades--;
      if (!verdict.accepted) return this.refuse(request, socket, verdict.status, verdict.message);
      if (socket.destroyed) return;
      if (this.closing) return refuseUpgrade(socket, 503, 'Server shutting down');
      this.wss!.handleUpgrade(request, socket, head, (ws) => {
        socket.off('error', ignore);
        this.connections.accept(ws, request, verdict.identity);
      });
    });
  };

  /** Refuses an upgrade, and says so in the log (once per status, then at debug level). */
  private refuse(request: IncomingMessage, socket: Duplex, status: number, message: string): void {
    const { origin, host } = request.headers;
    const detail =
      status === 403 && origin !== undefined
        ? ` (Origin ${origin}, Host ${host ?? 'none'}: the allowedOrigins option decides)`
        : '';
    this.refusals.record(status, `${message}${detail}`);
    refuseUpgrade(socket, status, message);
  }
}

function ignore(): void {}
