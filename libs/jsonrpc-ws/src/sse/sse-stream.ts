import { EventEmitter } from 'events';
import type { ServerResponse } from 'http';

/** Close code reported when the client went away without the server ending the stream. */
export const SSE_CLIENT_GONE = 1006;

/** `readyState` values, numbered as `ws` numbers them. */
const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** Headers of an event stream; `no-transform` keeps compression middleware from buffering it. */
const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx buffers proxied responses unless told otherwise.
  'x-accel-buffering': 'no',
};

/**
 * A Server-Sent Events response, shaped like the part of a `ws` WebSocket that
 * the hub, the outbound gate, the session lifecycle and graceful shutdown use
 * (`readyState`, `bufferedAmount`, `close`, `terminate`, `ping`, the `close`
 * event), so an SSE session is a `JsonRpcSession` like any other. It only
 * writes: an SSE client sends nothing after its request.
 */
export class SseStream extends EventEmitter {
  readonly CONNECTING = CONNECTING;
  readonly OPEN = OPEN;
  readonly CLOSING = CLOSING;
  readonly CLOSED = CLOSED;
  /** No WebSocket extension: the session's frame writer then never writes to TCP itself. */
  readonly extensions = '';
  readonly protocol = '';
  readyState: number = CONNECTING;

  private lastEventId = 0;
  /** Without topics that keep history, ids count events; with them, they say where the stream stands. */
  private nextEventId = (): string => String(++this.lastEventId);
  private positioned = false;
  private closeCode = SSE_CLIENT_GONE;
  private closeReason = '';

  constructor(private readonly response: ServerResponse) {
    super();
    response.once('close', () => this.closed());
  }

  /** Bytes written but not yet taken by the kernel: what the outbound gate bounds. */
  get bufferedAmount(): number {
    return this.response.writableLength;
  }

  /**
   * From now on every event's id is `id()` (the stream's positions). The first
   * block carries one too: a browser keeps an id even from a block without
   * data, so a stream that got no event yet still resumes from where it opened.
   */
  identifyEventsBy(id: () => string): void {
    this.nextEventId = id;
    this.positioned = true;
  }

  /** Sends the headers and a first comment, which makes browsers fire `open`. */
  open(retryMs: number): void {
    if (this.readyState !== CONNECTING || this.response.destroyed) return;
    this.response.writeHead(200, STREAM_HEADERS);
    this.readyState = OPEN;
    const id = this.positioned ? `id: ${this.nextEventId()}\n` : '';
    this.write(`retry: ${retryMs}\n${id}: connected\n\n`);
  }

  /** Writes one event (`event:` and `data:` lines, rendered once per push) under the next id. */
  writeEvent(body: string): void {
    if (this.readyState !== OPEN) return;
    this.write(`id: ${this.nextEventId()}\n${body}`);
  }

  /** A comment line: keeps proxies from cutting an idle stream. */
  ping(): void {
    if (this.readyState === OPEN) this.write(': keep-alive\n\n');
  }

  /** Ends the stream with a last `session.closed { code, reason }` event. */
  close(code = 1000, reason = ''): void {
    if (this.readyState >= CLOSING) return;
    const wasOpen = this.readyState === OPEN;
    this.closeCode = code;
    this.closeReason = reason;
    if (wasOpen) this.writeEvent(closedEvent(code, reason));
    this.readyState = CLOSING;
    this.response.end();
  }

  /** Cuts the connection at once. */
  terminate(): void {
    this.readyState = Math.max(this.readyState, CLOSING);
    this.response.destroy();
  }

  /** Nothing to read on a stream: flow control of reads does not apply. */
  pause(): void {}

  resume(): void {}

  private write(text: string): void {
    this.response.write(text);
    // compression middleware adds flush(); without it, events would wait for its buffer to fill.
    (this.response as ServerResponse & { flush?: () => void }).flush?.();
  }

  private closed(): void {
    this.readyState = CLOSED;
    this.emit('close', this.closeCode, Buffer.from(this.closeReason));
  }
}

function closedEvent(code: number, reason: string): string {
  return `event: session.closed\ndata: ${JSON.stringify({ code, reason })}\n\n`;
}
