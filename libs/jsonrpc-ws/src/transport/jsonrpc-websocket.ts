import { WebSocket } from 'ws';

/**
 * The `ws` socket class of the endpoint. It notes when a `Blob` is handed to it:
 * `ws` then queues what follows until the `Blob` has been read, and the frame
 * writer must stop writing beside it (see frame-writer.ts).
 */
export class JsonRpcWebSocket extends WebSocket {
  /** Set for good once a `Blob` was sent, pinged or ponged through this socket. */
  queuesMessages = false;

  override send(data: unknown, ...rest: unknown[]): void {
    this.note(data);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }

  override ping(...args: Parameters<WebSocket['ping']>): void {
    this.note(args[0]);
    super.ping(...args);
  }

  override pong(...args: Parameters<WebSocket['pong']>): void {
    this.note(args[0]);
    super.pong(...args);
  }

  private note(data: unknown): void {
    if (!this.queuesMessages && data instanceof Blob) this.queuesMessages = true;
  }
}

/** Whether a `Blob` made `ws` queue this socket's messages (false for other sockets). */
export function queuesMessages(socket: WebSocket): boolean {
  return (socket as Partial<JsonRpcWebSocket>).queuesMessages === true;
}
