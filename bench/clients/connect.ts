import { Client as RpcWebsocketsClient } from 'rpc-websockets';
import { io, Socket } from 'socket.io-client';
import type { Duplex } from 'stream';
import { RawData, WebSocket } from 'ws';
import { withTimeout } from '../lib/worker';

const OPEN_TIMEOUT_MS = 15_000;

/** A JSON-RPC 2.0 client on a plain `ws` socket (random masking keys, as `ws` does by default). */
export class JsonRpcConnection {
  private nextId = 0;
  private readonly corkForTick: () => void;
  private readonly pending = new Map<number, (reply: RpcReply) => void>();

  private constructor(
    readonly ws: WebSocket,
    /** The TCP socket under `ws`, for clients that read frames themselves. */
    readonly tcp: Duplex,
  ) {
    this.corkForTick = tickCorker(tcp);
    ws.on('message', (data: RawData) => {
      const reply = JSON.parse((data as Buffer).toString()) as RpcReply;
      const done = this.pending.get(reply.id as number);
      if (!done) return;
      this.pending.delete(reply.id as number);
      done(reply);
    });
  }

  static async open(url: string): Promise<JsonRpcConnection> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let tcp: Duplex | undefined;
    ws.once('upgrade', (response) => (tcp = response.socket));
    await withTimeout(
      new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      }),
      OPEN_TIMEOUT_MS,
      'ws open',
    ).catch((error: unknown) => {
      ws.terminate();
      throw error;
    });
    ws.on('error', () => undefined); // counted as a missing reply, never an uncaught exception
    return new JsonRpcConnection(ws, tcp!);
  }

  /**
   * Sends a request; `done` gets its reply. The requests sent in one tick (those
   * answering a batch of replies) leave in one write, which keeps the load
   * generator lighter than the servers it drives.
   */
  send(method: string, params: unknown, done: (reply: RpcReply) => void): void {
    const id = ++this.nextId;
    this.pending.set(id, done);
    this.corkForTick();
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
  }

  /** A request as a promise of its result; an error reply rejects. */
  call(method: string, params: unknown): Promise<unknown> {
    return withTimeout(
      new Promise((resolve, reject) =>
        this.send(method, params, (reply) =>
          reply.error ? reject(new Error(JSON.stringify(reply.error))) : resolve(reply.result),
        ),
      ),
      OPEN_TIMEOUT_MS,
      method,
    );
  }
}

export interface RpcReply {
  id: unknown;
  result?: unknown;
  error?: unknown;
}

/** socket.io-client, WebSocket transport only, one manager per socket (no multiplexing). */
export async function openSocketIo(url: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await withTimeout(
    new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', reject);
    }),
    OPEN_TIMEOUT_MS,
    'socket.io connect',
  ).catch((error: unknown) => {
    socket.disconnect();
    throw error;
  });
  return socket;
}

export async function openRpcWebsockets(url: string): Promise<RpcWebsocketsClient> {
  const client = new RpcWebsocketsClient(url, { autoconnect: true, reconnect: false });
  await withTimeout(
    new Promise((resolve, reject) => {
      client.once('open', () => resolve(undefined));
      client.once('error', reject);
    }),
    OPEN_TIMEOUT_MS,
    'rpc-websockets open',
  ).catch((error: unknown) => {
    client.close();
    throw error;
  });
  return client;
}

/**
 * Returns a function that holds `tcp`'s writes until the end of the current tick:
 * the requests a client sends in one tick (those answering a batch of replies)
 * leave in one write, which keeps the load generator lighter than the servers.
 */
export function tickCorker(tcp: Duplex): () => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    tcp.cork();
    process.nextTick(uncork);
  };
}

/** What the bench touches of engine.io-client's WebSocket transport (not in its types). */
export interface EngineWsTransport {
  ws: { _socket: Duplex };
  onData(data: string): void;
}

/** The WebSocket transport under a connected socket.io-client socket. */
export function engineTransport(socket: Socket): EngineWsTransport {
  return socket.io.engine.transport as unknown as EngineWsTransport;
}

/** The TCP socket under a connected rpc-websockets client (its `ws` socket's, in Node). */
export function rpcWebsocketsTcp(client: RpcWebsocketsClient): Duplex {
  return (client as unknown as { socket: { _socket: Duplex } }).socket._socket;
}
