import { Logger } from '@nestjs/common';
import type { IncomingMessage, Server } from 'http';
import type { Duplex } from 'stream';
import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { UpgradeTarget, wsAdapterRegistryOf } from '../pipeline/nest-internals';
import { refuseUpgrade } from './upgrade-refusal';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
type UpgradeListener = (
  this: Server,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
) => void;

/**
 * Brings the endpoint's upgrades to it on an HTTP server it shares with the
 * app's own WebSocket gateways, without losing theirs:
 * - beside `@nestjs/platform-ws`'s `WsAdapter`, the endpoint joins the adapter's
 *   registry of servers, and the adapter's one listener routes by path;
 * - beside any other listener (socket.io's engine, another WebSocket server),
 *   one listener routes: the endpoint's path to the endpoint, every other path
 *   to those listeners, which never see (nor time out, nor destroy) ours;
 * - with no other listener, a path nobody serves is answered 404.
 * Two owners of one path stop the bootstrap.
 */
export class UpgradeRouter {
  private readonly logger = new Logger('JsonRpcWs');
  private readonly others: UpgradeListener[] = [];
  private uninstall?: () => void;

  constructor(
    private readonly httpServer: Server,
    private readonly path: string,
    private readonly handle: UpgradeHandler,
  ) {}

  /** `adapter` is the app's WebSocket adapter (`app.useWebSocketAdapter()`), if any. */
  install(adapter: unknown): void {
    const registry = wsAdapterRegistryOf(adapter, this.httpServer);
    if (registry) {
      const paths = registry.paths();
      if (paths.includes(this.path)) {
        throw new JsonRpcWsBootstrapError(JsonRpcWsMessages.pathTaken(this.path, 'WsAdapter'));
      }
      const target: UpgradeTarget = {
        path: this.path,
        handleUpgrade: (request, socket, head) => this.handle(request, socket, head),
      };
      registry.add(target, this.path);
      this.logger.log(JsonRpcWsMessages.sharingWithWsAdapter(this.path, paths));
      return;
    }
    this.adoptListeners();
  }

  /** Gives the HTTP server back its own listeners. */
  close(): void {
    this.uninstall?.();
    this.uninstall = undefined;
  }

  private adoptListeners(): void {
    const server = this.httpServer;
    for (const listener of server.listeners('upgrade') as UpgradeListener[]) {
      server.off('upgrade', listener);
      this.others.push(listener);
    }
    const route = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      if (pathnameOf(request) === this.path) return this.handle(request, socket, head);
      if (this.others.length === 0) return refuseUpgrade(socket, 404);
      for (const listener of this.others) listener.call(server, request, socket, head);
    };
    // A listener added later (a WebSocket server created after bootstrap) is adopted too.
    const adoptLater = (event: string | symbol, listener: UpgradeListener): void => {
      if (event !== 'upgrade' || listener === route) return;
      process.nextTick(() => {
        if (!server.listeners('upgrade').includes(listener)) return;
        server.off('upgrade', listener);
        this.others.push(listener);
      });
    };
    server.on('upgrade', route);
    server.on('newListener', adoptLater);
    if (this.others.length > 0) {
      this.logger.log(JsonRpcWsMessages.sharingWithListeners(this.path, this.others.length));
    }
    this.uninstall = () => {
      server.off('newListener', adoptLater);
      server.off('upgrade', route);
      for (const listener of this.others.splice(0)) server.on('upgrade', listener);
    };
  }
}

function pathnameOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?', 1)[0]!;
}
