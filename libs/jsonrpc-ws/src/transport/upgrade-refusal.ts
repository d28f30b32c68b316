import { STATUS_CODES } from 'http';
import type { Duplex } from 'stream';

/** Answers an upgrade request with a plain HTTP error instead of a 101, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, message?: string): void {
  if (socket.destroyed) return;
  const body = message ?? STATUS_CODES[status] ?? 'Error';
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
