import { ClientOptions, RawData, WebSocket } from 'ws';

export interface CloseEvent {
  code: number;
  reason: string;
}

/** A real `ws` client that queues what the server sends, for awaiting without sleeps. */
export class TestClient {
  private readonly inbox: unknown[] = [];
  private readonly waiters: Array<{
    match: (m: unknown) => boolean;
    resolve: (m: unknown) => void;
  }> = [];
  readonly closed: Promise<CloseEvent>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => this.receive(JSON.parse(data.toString()) as unknown));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static connect(url: string, options?: ClientOptions): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`Unexpected response ${res.statusCode}`)),
      );
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the next message matching the predicate (earlier unmatched ones stay queued). */
  next<T = any>(match: (m: any) => boolean = () => true, timeoutMs = 5000): Promise<T> {
    const index = this.inbox.findIndex(match);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0] as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (m: unknown) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`No matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Sends a request and resolves with the response carrying its id. */
  async call<T = any>(
    method: string,
    params?: unknown,
    id: string | number = nextId(),
  ): Promise<T> {
    this.send({ jsonrpc: '2.0', method, params, id });
    return this.next<T>((m) => !Array.isArray(m) && m?.id === id);
  }

  /** Messages received but not yet taken. */
  get pending(): unknown[] {
    return [...this.inbox];
  }

  close(): Promise<CloseEvent> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    return this.closed;
  }

  private receive(message: unknown): void {
    const index = this.waiters.findIndex((w) => w.match(message));
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message);
    else this.inbox.push(message);
  }
}

let counter = 0;
function nextId(): string {
  return `t${++counter}`;
}
