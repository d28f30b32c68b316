import { ClientRequest, IncomingMessage, request } from 'http';

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** A failed SSE request: the status and the JSON body the server answered. */
export class SseRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
  ) {
    super(`SSE refused with ${status}`);
  }
}

/**
 * A real HTTP client reading an event stream as a browser's EventSource does
 * (fields, comments, blank-line dispatch), queueing events for awaiting without sleeps.
 */
export class SseTestClient {
  private readonly inbox: SseEvent[] = [];
  private readonly waiters: Array<{
    match: (e: SseEvent) => boolean;
    resolve: (e: SseEvent) => void;
  }> = [];
  private buffer = '';
  /** Comment lines seen (keep-alives). */
  comments: string[] = [];
  retry?: number;
  /**
   * The id a browser's EventSource would send back as `Last-Event-ID`: set by
   * every block that had an `id:` field, with data or without.
   */
  lastEventId = '';
  readonly ended: Promise<void>;

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.feed(chunk));
    this.ended = new Promise((resolve) => {
      response.once('close', resolve);
      response.once('end', resolve);
    });
  }

  /** Opens a stream; rejects with SseRefused when the server answers anything but 200. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<SseTestClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        if (res.statusCode === 200) return resolve(new SseTestClient(req, res));
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => reject(new SseRefused(res.statusCode ?? 0, parse(text))));
      });
      req.once('error', reject);
      req.end();
    });
  }

  /** The next event matching the predicate (earlier unmatched ones stay queued). */
  next(match: (e: SseEvent) => boolean = () => true, timeoutMs = 5000): Promise<SseEvent> {
    const index = this.inbox.findIndex(match);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (e: SseEvent) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`No matching SSE event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  nextEvent(name: string, timeoutMs?: number): Promise<SseEvent> {
    return this.next((e) => e.event === name, timeoutMs);
  }

  get pending(): SseEvent[] {
    return [...this.inbox];
  }

  /** Cuts the connection as a lost network does: the socket goes, nothing is said. */
  cut(): Promise<void> {
    this.response.socket.destroy();
    return this.ended;
  }

  /** Hangs up, as a closed browser tab does. */
  close(): Promise<void> {
    this.req.destroy();
    return this.ended;
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.dispatch(block);
    }
  }

  private dispatch(block: string): void {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id' && !value.includes('\0')) id = this.lastEventId = value;
      else if (field === 'retry') this.retry = Number(value);
    }
    if (data.length === 0) return;
    const received: SseEvent = { id, event, data: parse(data.join('\n')) };
    const index = this.waiters.findIndex((w) => w.match(received));
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(received);
    else this.inbox.push(received);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
