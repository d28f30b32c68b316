import { EventEmitter } from 'events';
import type { Duplex } from 'stream';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { ConnectionDrain } from './connection-drain';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function connection() {
  const session = { inFlight: 0, socket: new EventEmitter() };
  const intake = { waiting: 0 };
  const tcp = Object.assign(new EventEmitter(), { writableNeedDrain: false });
  return { session, intake, tcp };
}

function drainOf(parts: ReturnType<typeof connection>, timeoutMs = 60_000) {
  const drain = new ConnectionDrain(
    parts.session as unknown as JsonRpcSession,
    parts.intake,
    parts.tcp as unknown as Duplex,
    timeoutMs,
  );
  let done = false;
  void drain.done.then(() => (done = true));
  return { drain, done: () => done };
}

describe('ConnectionDrain', () => {
  it('waits for the messages queued in the intake, then for one more turn', async () => {
    const parts = connection();
    parts.intake.waiting = 40;
    const { drain, done } = drainOf(parts);
    await nextTurn();
    expect(done()).toBe(false);

    parts.intake.waiting = 0;
    drain.check();
    expect(done()).toBe(false);
    await nextTurn();
    await nextTurn();
    expect(done()).toBe(true);
  });

  it('waits for requests in flight', async () => {
    const parts = connection();
    parts.session.inFlight = 2;
    const { drain, done } = drainOf(parts);
    parts.session.inFlight = 1;
    drain.check();
    await nextTurn();
    expect(done()).toBe(false);

    parts.session.inFlight = 0;
    drain.check();
    await nextTurn();
    await nextTurn();
    expect(done()).toBe(true);
  });

  it('goes on waiting when a message is read in the turn it gives for one', async () => {
    const parts = connection();
    const { drain, done } = drainOf(parts);
    // Read before the confirming turn ends, and queued behind this turn's share.
    parts.intake.waiting = 5;
    await nextTurn();
    await nextTurn();
    expect(done()).toBe(false);

    parts.intake.waiting = 0;
    drain.check();
    await nextTurn();
    await nextTurn();
    expect(done()).toBe(true);
  });

  it('waits until a backlog the socket could not take has been written', async () => {
    const parts = connection();
    parts.tcp.writableNeedDrain = true;
    const { done } = drainOf(parts);
    await nextTurn();
    expect(done()).toBe(false);

    parts.tcp.writableNeedDrain = false;
    parts.tcp.emit('drain');
    await nextTurn();
    await nextTurn();
    expect(done()).toBe(true);
    expect(parts.tcp.listenerCount('drain')).toBe(0);
  });

  it('ends when the connection closes, whatever it still had', async () => {
    const parts = connection();
    parts.intake.waiting = 3;
    const { done } = drainOf(parts);
    parts.session.socket.emit('close');
    await nextTurn();
    expect(done()).toBe(true);
    expect(parts.session.socket.listenerCount('close')).toBe(0);
  });

  it('ends at the deadline', async () => {
    vi.useFakeTimers();
    try {
      const parts = connection();
      parts.session.inFlight = 1;
      const { done } = drainOf(parts, 5000);
      await vi.advanceTimersByTimeAsync(4999);
      expect(done()).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
