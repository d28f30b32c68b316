import { randomUUID } from 'crypto';
import type { Duplex } from 'stream';
import { WebSocket } from 'ws';
import { notification } from '../protocol/jsonrpc.responses';
import { JsonRpcPushParams } from '../protocol/jsonrpc.types';
import { FrameWriter } from '../transport/frame-writer';
import type { PreparedText } from '../transport/prepared-text';
import type { CloseReason } from './close-reason';
import type { GatedConnection, OutboundGate } from './outbound-gate';
import { ReadFlow, ReadingHold } from './read-flow';

/** The identity part of a session, written only by the hub's registry. */
export interface BoundIdentity<TUser> {
  userId: string;
  platform: string;
  user: TUser;
  expiresAt: number | undefined;
  authenticatedAt: number;
}

/** How a client is connected: a WebSocket, or a Server-Sent Events stream (it only receives). */
export type SessionKind = 'websocket' | 'sse';

/** How a connection is ended: an optional notification first, then the close. */
export interface SessionEnding {
  code: number;
  reason: CloseReason;
  /** Close frame text; defaults to `reason`. At most 123 bytes. */
  message?: string;
  /** Sent before the close frame when the socket can still take it. */
  notice?: { method: string; params?: Record<string, unknown> };
  /** Cut the TCP connection if the close handshake has not finished by then (ms). */
  terminateAfterMs?: number;
}

/**
 * One client connection and what the server knows about its caller.
 * Identity and topics change through `HubService` (login, logout, subscribe),
 * which keeps the hub's indexes in step; here they are read-only.
 */
export class JsonRpcSession<TUser = unknown> implements GatedConnection {
  /** A WebSocket, or an SSE stream (whose `socket` is a stand-in: see `SseStream`). */
  readonly kind: SessionKind = 'websocket';
  /** Unique id of this connection. */
  readonly id: string = randomUUID();
  /** When the connection was accepted (ms since the epoch). */
  readonly connectedAt: number = Date.now();
  /** Last time anything arrived from the client: a message or a pong. */
  lastSeenAt: number = this.connectedAt;
  /** @internal Start of the current anonymous period (connect, or the last logout). */
  anonymousSince: number = this.connectedAt;
  /** @internal Requests being handled right now. */
  inFlight = 0;
  /** Set once, when the server decides to end the connection. */
  closeReason?: CloseReason;

  private identity?: BoundIdentity<TUser>;
  private subscriptions?: Set<string>;
  private state?: Map<string, unknown>;
  private pendingEnding?: SessionEnding;
  private readFlow?: ReadFlow;
  private readonly writer: FrameWriter;

  constructor(
    /** The underlying `ws` socket. */
    readonly socket: WebSocket,
    /** Peer address as seen by the HTTP server. */
    readonly remoteAddress: string | undefined,
    protected readonly outbound: OutboundGate,
    /** The TCP socket under `socket`: frames are written to it, its 'drain' ends a backlog. */
    private readonly transport?: Duplex,
  ) {
    this.writer = new FrameWriter(socket, transport);
  }

  get authenticated(): boolean {
    return this.identity !== undefined;
  }

  get userId(): string | undefined {
    return this.identity?.userId;
  }

  get platform(): string | undefined {
    return this.identity?.platform;
  }

  /** The logged-in user (`@RpcUser()`), or `undefined` while anonymous. */
  get user(): TUser | undefined {
    return this.identity?.user;
  }

  /** When the session's credentials expire (ms since the epoch), if they do. */
  get expiresAt(): number | undefined {
    return this.identity?.expiresAt;
  }

  get authenticatedAt(): number | undefined {
    return this.identity?.authenticatedAt;
  }

  /** Topics this connection is subscribed to. */
  get topics(): ReadonlySet<string> {
    return this.subscriptions ?? EMPTY_SET;
  }

  /** Free-form per-connection state for the application (created on first use). */
  get data(): Map<string, unknown> {
    return (this.state ??= new Map());
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a server push (a JSON-RPC notification). Returns false when it was not sent. */
  notify(method: string, params?: JsonRpcPushParams): boolean {
    return this.send(JSON.stringify(notification(method, params)));
  }

  /**
   * Sends one serialised JSON text message (a push), within the outbound budget: a
   * client that does not read has its messages dropped or is disconnected, by policy.
   * A `PreparedText` is framed once for all the connections it goes to.
   */
  send(message: string | Buffer | PreparedText): boolean {
    if (!this.isOpen || !this.outbound.admit(this)) return false;
    this.writer.write(message);
    return true;
  }

  /**
   * @internal Sends the reply to a request. A reply is never dropped (every request must be
   * answered): over budget, the client is disconnected or, with the `drop`
   * policy, not read from until its backlog has been written.
   */
  reply(frame: string): boolean {
    if (!this.isOpen || !this.outbound.admitReply(this)) return false;
    this.writer.write(frame);
    return true;
  }

  /** @internal Stops reading requests until the socket's backlog has been written. */
  holdUntilDrained(): void {
    this.flow.holdUntilDrained();
  }

  /** @internal Pauses reading from the client for a reason (TCP backpressure then slows it down). */
  holdReading(reason: ReadingHold): void {
    this.flow.hold(reason);
  }

  /** @internal Lifts one reason to pause; reading resumes when none is left. */
  releaseReading(reason: ReadingHold): void {
    this.readFlow?.release(reason);
  }

  /** Ends the connection for a reason; later calls are ignored (the first reason wins). */
  end(ending: SessionEnding): void {
    if (this.closeReason !== undefined || this.socket.readyState >= WebSocket.CLOSING) return;
    this.closeReason = ending.reason;
    if (ending.notice) this.notify(ending.notice.method, ending.notice.params);
    this.socket.close(ending.code, ending.message ?? ending.reason);
    if (ending.terminateAfterMs !== undefined) {
      setTimeout(() => this.socket.terminate(), ending.terminateAfterMs).unref();
    }
  }

  /** @internal Ends the connection once the replies to the current message have been sent. */
  endAfterReply(ending: SessionEnding): void {
    this.pendingEnding ??= ending;
  }

  /** @internal Called by the server after replies are written. */
  flushPendingEnding(): void {
    const ending = this.pendingEnding;
    if (!ending) return;
    this.pendingEnding = undefined;
    this.end(ending);
  }

  /** @internal Written by the hub's registry only. */
  bindIdentity(identity: BoundIdentity<TUser> | undefined): void {
    this.identity = identity;
    if (!identity) this.anonymousSince = Date.now();
  }

  /** @internal Written by the hub's registry only. */
  topicSet(): Set<string> {
    return (this.subscriptions ??= new Set());
  }

  private get flow(): ReadFlow {
    return (this.readFlow ??= new ReadFlow(this.socket, this.transport));
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set();
