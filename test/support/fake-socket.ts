import type { Mock } from 'vitest';
import { WebSocket } from 'ws';

/** The members of a `ws` socket that sessions, the gate and the lifecycle touch. */
export interface FakeSocket {
  readyState: number;
  bufferedAmount: number;
  send: Mock;
  close: Mock;
  terminate: Mock;
  ping: Mock;
  pause: Mock;
  resume: Mock;
}

/** A fake `ws` socket for unit specs: `close` starts the closing handshake and `terminate` ends it, as in `ws`. */
export function fakeSocket(bufferedAmount = 0): FakeSocket {
  const socket: FakeSocket = {
    readyState: WebSocket.OPEN,
    bufferedAmount,
    send: vi.fn(),
    close: vi.fn(() => {
      socket.readyState = WebSocket.CLOSING;
    }),
    terminate: vi.fn(() => {
      socket.readyState = WebSocket.CLOSED;
    }),
    ping: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
  };
  return socket;
}
