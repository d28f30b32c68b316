import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'http';
import type { Duplex } from 'stream';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { InjectJsonRpcWsOptions } from '../jsonrpc-ws.module-definition';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { CloseCode } from '../protocol/close-codes';
import { JsonRpcSession } from './jsonrpc-session';
import { RpcDispatcher } from './rpc-dispatcher.service';
import { UpgradeAuthorizer } from './upgrade-authorizer';
import { refuseUpgrade } from './upgrade-refusal';

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2000;

/**
 * Owns the WebSocket endpoint on the application's HTTP server: takes the
 * `upgrade` so it can refuse with an HTTP status before the 101, and feeds
 * every text frame to the dispatcher.
 */
@Injectable()
export class JsonRpcWsServer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('JsonRpcWs');
  private readonly sessions = new Set<JsonRpcSession>();
  private wss?: WebSocketServer;
  private httpServer?: Server;
  private closing = false;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly adapterHost: HttpAdapterHost,
    private readonly authorizer: UpgradeAuthorizer,
    private readonly dispatcher: RpcDispatcher,
  ) {}

  /** Open connections on this node. */
  get connectionCount(): number {
    return this.sessions.size;
  }

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!httpServer) {
      this.logger.warn(
        'No HTTP server (application context?): the WebSocket endpoint is not served',
      );
      return;
    }
    this.httpServer = httpServer;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.options.maxPayload,
      // Compression costs CPU and memory per connection and invites zip bombs; off by default.
      perMessageDeflate: false,
      clientTracking: false,
    });
    httpServer.on('upgrade', this.onUpgrade);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const closed = [...this.sessions].map((session) => this.closeSession(session));
    await Promise.all(closed);
  }

  onApplicationShutdown(): void {
    this.httpServer?.off('upgrade', this.onUpgrade);
    this.wss?.close();
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = (request.url ?? '/').split('?', 1)[0];
    if (pathname !== this.options.path) {
      // Another listener (a Nest gateway, say) may own this path; answer only if nobody else can.
      if (this.httpServer?.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404);
      return;
    }
    // Until the 101, a socket error must not become an uncaught exception.
    socket.on('error', ignore);
    if (this.closing) return refuseUpgrade(socket, 503, 'Server shutting down');
    void this.authorizer.authorize(request).then((verdict) => {
      if (!verdict.accepted) return refuseUpgrade(socket, verdict.status, verdict.message);
      if (socket.destroyed) return;
      if (this.closing) return refuseUpgrade(socket, 503, 'Server shutting down');
      this.wss!.handleUpgrade(request, socket, head, (ws) => {
        socket.off('error', ignore);
        this.onConnection(ws, request, verdict.user);
      });
    });
  };

  private onConnection(ws: WebSocket, request: IncomingMessage, user: unknown): void {
    const session = new JsonRpcSession(ws, request.socket.remoteAddress, user);
    this.sessions.add(session);
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(session, data, isBinary));
    ws.on('error', (error) => this.logger.debug(`Connection ${session.id}: ${error.message}`));
    ws.once('close', () => this.sessions.delete(session));
  }

  private onMessage(session: JsonRpcSession, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      session.close(CloseCode.UnsupportedData, 'Binary frames are not supported');
      return;
    }
    // With the default binaryType a message is one Buffer, whose UTF-8 ws has already checked (else 1007).
    const text = (data as Buffer).toString();
    this.dispatcher.dispatch(session, text).catch((error: unknown) => {
      this.logger.error(
        `Dispatch failed on connection ${session.id}`,
        error instanceof Error ? error.stack : String(error),
      );
    });
  }

  private closeSession(session: JsonRpcSession): Promise<void> {
    const ws = session.socket;
    if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(CloseCode.GoingAway, 'Server shutting down');
    });
  }
}

function ignore(): void {}
