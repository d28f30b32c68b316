import type { Mock } from 'vitest';
import { EventEmitter } from 'events';
import type { Duplex } from 'stream';
import { WebSocket } from 'ws';
import { JsonRpcSession } from './jsonrpc-session';
import { CloseCode } from '../protocol/close-codes';
import { OutboundGate, SlowConsumerPolicy } from './outbound-gate';
import { fakeSocket } from '../../../../test/support/fake-socket';

/** The TCP side under the `ws` socket: only `writableNeedDrain` and the 'drain' event are used. */
/** The TCP socket under a session: its backlog flag, 'drain', and the frames written to it. */
function fakeTransport(writableNeedDrain: boolean): Duplex & EventEmitter & { write: Mock } {
  return Object.assign(new EventEmitter(), {
    writableNeedDrain,
    writableLength: 0,
    write: vi.fn(() => !writableNeedDrain),
    cork: vi.fn(),
    uncork: vi.fn(),
  }) as unknown as Duplex & EventEmitter & { write: Mock };
}

const MAX = 1024;

describe('OutboundGate', () => {
  function setup(policy: SlowConsumerPolicy, bufferedAmount = 0, transport?: Duplex) {
    const gate = new OutboundGate(MAX, policy);
    const socket = fakeSocket(bufferedAmount);
    const session = new JsonRpcSession(
      socket as unknown as WebSocket,
      '127.0.0.1',
      gate,
      transport,
    );
    return { gate, socket, session };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  describe.each<SlowConsumerPolicy>(['drop', 'disconnect'])('under %s', (policy) => {
    it.each([0, 1, MAX - 1, MAX])('admits with %i bytes buffered', (buffered) => {
      const { gate, socket, session } = setup(policy, buffered);

      expect(gate.admit(session)).toBe(true);
      expect(gate.admit(session)).toBe(true);

      expect(gate.droppedMessages).toBe(0);
      expect(gate.slowConsumerDisconnects).toBe(0);
      expect(socket.close).not.toHaveBeenCalled();
      expect(session.closeReason).toBeUndefined();
    });

    it.each([MAX + 1, 10 * MAX])('refuses with %i bytes buffered', (buffered) => {
      const { gate, session } = setup(policy, buffered);

      expect(gate.admit(session)).toBe(false);
      expect(gate.droppedMessages).toBe(1);
    });

    it('admits again once the buffer has drained', () => {
      const { gate, socket, session } = setup(policy, MAX + 1);
      gate.admit(session);

      socket.bufferedAmount = MAX;

      expect(gate.admit(session)).toBe(true);
      expect(gate.droppedMessages).toBe(1);
    });

    it('keeps session.send from writing to a full socket', () => {
      const { gate, socket, session } = setup(policy, MAX + 1);

      expect(session.send('{"jsonrpc":"2.0","method":"x"}')).toBe(false);

      expect(socket.send).not.toHaveBeenCalled();
      expect(gate.droppedMessages).toBe(1);
    });
  });

  describe("'drop'", () => {
    it('counts every refused message', () => {
      const { gate, session } = setup('drop', MAX + 1);

      for (let i = 0; i < 5; i++) expect(gate.admit(session)).toBe(false);

      expect(gate.droppedMessages).toBe(5);
      expect(gate.slowConsumerDisconnects).toBe(0);
    });

    it('never ends the session', () => {
      vi.useFakeTimers();
      const { gate, socket, session } = setup('drop', MAX + 1);

      for (let i = 0; i < 5; i++) gate.admit(session);
      vi.advanceTimersByTime(60_000);

      expect(session.closeReason).toBeUndefined();
      expect(session.isOpen).toBe(true);
      expect(socket.close).not.toHaveBeenCalled();
      expect(socket.terminate).not.toHaveBeenCalled();
    });
  });

  describe("'disconnect'", () => {
    it('ends the session with 4006 slow-consumer', () => {
      const { gate, socket, session } = setup('disconnect', MAX + 1);

      expect(gate.admit(session)).toBe(false);

      expect(CloseCode.SlowConsumer).toBe(4006);
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4006, 'slow-consumer');
      expect(session.closeReason).toBe('slow-consumer');
      expect(gate.droppedMessages).toBe(1);
      expect(gate.slowConsumerDisconnects).toBe(1);
    });

    it('sends nothing to the slow client on the way out', () => {
      const { gate, socket, session } = setup('disconnect', MAX + 1);

      gate.admit(session);

      expect(socket.send).not.toHaveBeenCalled();
    });

    it('counts the disconnect once per session however often it is called', () => {
      const { gate, socket, session } = setup('disconnect', MAX + 1);

      for (let i = 0; i < 5; i++) expect(gate.admit(session)).toBe(false);

      expect(gate.droppedMessages).toBe(5);
      expect(gate.slowConsumerDisconnects).toBe(1);
      expect(socket.close).toHaveBeenCalledTimes(1);
    });

    it('counts the disconnect once even while the socket still reads as open', () => {
      const { gate, socket, session } = setup('disconnect', MAX + 1);
      socket.close.mockImplementation(() => undefined);

      for (let i = 0; i < 3; i++) gate.admit(session);

      expect(session.isOpen).toBe(true);
      expect(gate.droppedMessages).toBe(3);
      expect(gate.slowConsumerDisconnects).toBe(1);
      expect(socket.close).toHaveBeenCalledTimes(1);
    });

    it('counts one disconnect per slow session', () => {
      const gate = new OutboundGate(MAX, 'disconnect');
      const sessions = [1, 2, 3].map(
        () => new JsonRpcSession(fakeSocket(MAX + 1) as unknown as WebSocket, '127.0.0.1', gate),
      );

      for (const session of sessions) {
        gate.admit(session);
        gate.admit(session);
      }

      expect(gate.droppedMessages).toBe(6);
      expect(gate.slowConsumerDisconnects).toBe(3);
    });

    it('does not count a session already ending for another reason as a slow consumer', () => {
      const { gate, socket, session } = setup('disconnect', MAX + 1);
      session.end({ code: CloseCode.Kicked, reason: 'kicked' });

      expect(gate.admit(session)).toBe(false);

      expect(gate.droppedMessages).toBe(1);
      expect(gate.slowConsumerDisconnects).toBe(0);
      expect(session.closeReason).toBe('kicked');
      expect(socket.close).toHaveBeenCalledTimes(1);
    });

    it('terminates the socket after a one second grace period', () => {
      vi.useFakeTimers();
      const { gate, socket, session } = setup('disconnect', MAX + 1);

      gate.admit(session);
      expect(socket.terminate).not.toHaveBeenCalled();

      vi.advanceTimersByTime(999);
      expect(socket.terminate).not.toHaveBeenCalled();

      vi.advanceTimersByTime(1);
      expect(socket.terminate).toHaveBeenCalledTimes(1);
      expect(session.isOpen).toBe(false);
    });

    it('schedules the terminate once however often it is called', () => {
      vi.useFakeTimers();
      const { gate, socket, session } = setup('disconnect', MAX + 1);

      for (let i = 0; i < 5; i++) gate.admit(session);
      vi.advanceTimersByTime(5_000);

      expect(socket.terminate).toHaveBeenCalledTimes(1);
    });

    it('leaves sessions within budget alone', () => {
      const gate = new OutboundGate(MAX, 'disconnect');
      const slow = fakeSocket(MAX + 1);
      const fast = fakeSocket(0);
      const slowSession = new JsonRpcSession(slow as unknown as WebSocket, undefined, gate);
      const fastSession = new JsonRpcSession(fast as unknown as WebSocket, undefined, gate);

      expect(slowSession.notify('tick')).toBe(false);
      expect(fastSession.notify('tick')).toBe(true);

      expect(fast.send).toHaveBeenCalledTimes(1);
      expect(fastSession.closeReason).toBeUndefined();
      expect(fast.close).not.toHaveBeenCalled();
    });
  });

  describe('admitReply', () => {
    it.each<SlowConsumerPolicy>(['drop', 'disconnect'])(
      'admits within budget under %s without side effects',
      (policy) => {
        const { gate, socket, session } = setup(policy, MAX, fakeTransport(true));

        expect(gate.admitReply(session)).toBe(true);

        expect(gate.droppedMessages).toBe(0);
        expect(socket.pause).not.toHaveBeenCalled();
        expect(socket.close).not.toHaveBeenCalled();
      },
    );

    describe("under 'disconnect'", () => {
      it('refuses an over-budget reply and ends the session with 4006', () => {
        const { gate, socket, session } = setup('disconnect', MAX + 1);

        expect(gate.admitReply(session)).toBe(false);

        expect(gate.droppedMessages).toBe(1);
        expect(gate.slowConsumerDisconnects).toBe(1);
        expect(socket.close).toHaveBeenCalledWith(4006, 'slow-consumer');
        expect(session.closeReason).toBe('slow-consumer');
      });

      it('shares the once-per-session disconnect count with admit', () => {
        const { gate, socket, session } = setup('disconnect', MAX + 1);

        gate.admit(session);
        gate.admitReply(session);
        gate.admitReply(session);

        expect(gate.droppedMessages).toBe(3);
        expect(gate.slowConsumerDisconnects).toBe(1);
        expect(socket.close).toHaveBeenCalledTimes(1);
      });

      it('keeps session.reply from writing', () => {
        const { socket, session } = setup('disconnect', MAX + 1);

        expect(session.reply('{"jsonrpc":"2.0","result":1,"id":1}')).toBe(false);

        expect(socket.send).not.toHaveBeenCalled();
      });
    });

    describe("under 'drop'", () => {
      it('never drops a reply and never ends the session', () => {
        const transport = fakeTransport(true);
        const { gate, socket, session } = setup('drop', MAX + 1, transport);

        expect(gate.admitReply(session)).toBe(true);
        expect(session.reply('{"jsonrpc":"2.0","result":1,"id":1}')).toBe(true);

        expect(transport.write).toHaveBeenCalledTimes(1);
        expect(gate.droppedMessages).toBe(0);
        expect(gate.slowConsumerDisconnects).toBe(0);
        expect(session.closeReason).toBeUndefined();
        expect(socket.close).not.toHaveBeenCalled();
      });

      it('stops reading from the client until the transport drains', () => {
        const transport = fakeTransport(true);
        const { gate, socket, session } = setup('drop', MAX + 1, transport);

        gate.admitReply(session);
        gate.admitReply(session);
        gate.admitReply(session);

        expect(socket.pause).toHaveBeenCalledTimes(1);
        expect(socket.resume).not.toHaveBeenCalled();
        expect(transport.listenerCount('drain')).toBe(1);

        transport.emit('drain');

        expect(socket.resume).toHaveBeenCalledTimes(1);
        expect(transport.listenerCount('drain')).toBe(0);
      });

      it('holds reading again on the next backlog', () => {
        const transport = fakeTransport(true);
        const { gate, socket, session } = setup('drop', MAX + 1, transport);

        gate.admitReply(session);
        transport.emit('drain');
        gate.admitReply(session);

        expect(socket.pause).toHaveBeenCalledTimes(2);
        transport.emit('drain');
        expect(socket.resume).toHaveBeenCalledTimes(2);
      });

      it('does not hold reading when the transport will emit no drain', () => {
        const transport = fakeTransport(false);
        const { gate, socket, session } = setup('drop', MAX + 1, transport);

        expect(gate.admitReply(session)).toBe(true);

        expect(socket.pause).not.toHaveBeenCalled();
        expect(transport.listenerCount('drain')).toBe(0);
      });
    });
  });
});
