import { randomUUID } from 'crypto';
import { WebSocket } from 'ws';
import { JsonRpcNotification, JsonRpcParams } from '../protocol/jsonrpc.types';

/** One WebSocket connection and what the server knows about its caller. */
export class JsonRpcSession<TUser = unknown> {
  /** Unique id of this connection. */
  readonly id: string = randomUUID();
  /** When the connection was accepted (ms since the epoch). */
  readonly connectedAt: number = Date.now();
  /** Free-form per-connection state for the application. */
  readonly data = new Map<string, unknown>();

  constructor(
    /** The underlying `ws` socket. */
    readonly socket: WebSocket,
    /** Peer address as seen by the HTTP server. */
    readonly remoteAddress: string | undefined,
    /** The authenticated user, or `undefined` while anonymous. */
    public user: TUser | undefined,
  ) {}

  get authenticated(): boolean {
    return this.user !== undefined;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a server push (a JSON-RPC notification). Returns false when the socket is not open. */
  notify(method: string, params?: JsonRpcParams): boolean {
    const message: JsonRpcNotification = { jsonrpc: '2.0', method };
    if (params !== undefined) message.params = params;
    return this.sendText(JSON.stringify(message));
  }

  /** Sends one already serialised JSON text frame. */
  sendText(text: string): boolean {
    if (!this.isOpen) return false;
    this.socket.send(text);
    return true;
  }

  close(code: number, reason?: string): void {
    this.socket.close(code, reason);
  }
}
