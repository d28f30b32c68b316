import { WebSocket } from 'ws';

/** The members of a `ws` socket that sessions, the gate and the lifecycle touch. */
export interface FakeSocket {
  readyState: number;
  bufferedAmount: number;
  send: jest.Mock;
  close: jest.Mock;
  terminate: jest.Mock;
  ping: jest.Mock;
  pause: jest.Mock;
  resume: jest.Mock;
}

/** A fake `ws` socket for unit specs: `close` starts the closing handshake and `terminate` ends it, as in `ws`. */
export function fakeSocket(bufferedAmount = 0): FakeSocket {
  const socket: FakeSocket = {
    readyState: WebSocket.OPEN,
    bufferedAmount,
    send: jest.fn(),
    close: jest.fn(() => {
      socket.readyState = WebSocket.CLOSING;
    }),
    terminate: jest.fn(() => {
      socket.readyState = WebSocket.CLOSED;
    }),
    ping: jest.fn(),
    pause: jest.fn(),
    resume: jest.fn(),
  };
  return socket;
}
