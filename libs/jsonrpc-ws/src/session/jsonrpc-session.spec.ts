import { Duplex, PassThrough } from 'stream';
import { WebSocket } from 'ws';
import { OutboundGate } from './outbound-gate';
import { PreparedText } from '../transport/prepared-text';
import { textFrame, textFrameOf } from '../transport/ws-frame';
import { SessionRegistry } from './session-registry';
import { JsonRpcSession } from './jsonrpc-session';
import { FakeSocket, fakeSocket } from '../../../../test/support/fake-socket';

describe('JsonRpcSession', () => {
  let socket: FakeSocket;
  let gate: OutboundGate;
  let session: JsonRpcSession;

  beforeEach(() => {
    socket = fakeSocket();
    gate = new OutboundGate(1024, 'disconnect');
    session = new JsonRpcSession(socket as unknown as WebSocket, '127.0.0.1', gate);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  describe('a new session', () => {
    it('has a unique id and its peer address', () => {
      const other = new JsonRpcSession(socket as unknown as WebSocket, undefined, gate);

      expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(other.id).not.toBe(session.id);
      expect(session.remoteAddress).toBe('127.0.0.1');
      expect(other.remoteAddress).toBeUndefined();
      expect(session.socket).toBe(socket);
    });

    it('starts its clocks at the connection time', () => {
      vi.useFakeTimers({ now: 1_000_000 });
      const fresh = new JsonRpcSession(socket as unknown as WebSocket, undefined, gate);

      expect(fresh.connectedAt).toBe(1_000_000);
      expect(fresh.lastSeenAt).toBe(1_000_000);
      expect(fresh.anonymousSince).toBe(1_000_000);
    });

    it('is anonymous, open, idle and not ending', () => {
      expect(session.authenticated).toBe(false);
      expect(session.userId).toBeUndefined();
      expect(session.platform).toBeUndefined();
      expect(session.user).toBeUndefined();
      expect(session.expiresAt).toBeUndefined();
      expect(session.authenticatedAt).toBeUndefined();
      expect(session.isOpen).toBe(true);
      expect(session.inFlight).toBe(0);
      expect(session.closeReason).toBeUndefined();
    });
  });

  describe('isOpen', () => {
    it.each([
      ['CONNECTING', WebSocket.CONNECTING, false],
      ['OPEN', WebSocket.OPEN, true],
      ['CLOSING', WebSocket.CLOSING, false],
      ['CLOSED', WebSocket.CLOSED, false],
    ])('is %s → %s', (_name, readyState, open) => {
      socket.readyState = readyState;

      expect(session.isOpen).toBe(open);
    });
  });

  describe('notify', () => {
    it('serialises a notification without params when none are given', () => {
      expect(session.notify('chat.message')).toBe(true);

      expect(socket.send).toHaveBeenCalledTimes(1);
      expect(socket.send).toHaveBeenCalledWith('{"jsonrpc":"2.0","method":"chat.message"}', {
        binary: false,
      });
    });

    it('leaves params out when they are explicitly undefined', () => {
      session.notify('tick', undefined);

      const frame = socket.send.mock.calls[0]![0] as string;
      expect(JSON.parse(frame)).toStrictEqual({ jsonrpc: '2.0', method: 'tick' });
      expect(frame).not.toContain('params');
    });

    it('serialises by-name params', () => {
      session.notify('chat.message', { from: 'alice', text: 'hi' });

      expect(socket.send).toHaveBeenCalledWith(
        '{"jsonrpc":"2.0","method":"chat.message","params":{"from":"alice","text":"hi"}}',
        { binary: false },
      );
    });

    it('serialises by-position params, empty ones included', () => {
      session.notify('sum', [1, 2]);
      session.notify('empty', []);
      session.notify('none', {});

      expect(socket.send.mock.calls.map(([frame]) => JSON.parse(frame as string))).toStrictEqual([
        { jsonrpc: '2.0', method: 'sum', params: [1, 2] },
        { jsonrpc: '2.0', method: 'empty', params: [] },
        { jsonrpc: '2.0', method: 'none', params: {} },
      ]);
    });

    it('returns false and sends nothing when the socket is not open', () => {
      socket.readyState = WebSocket.CLOSED;

      expect(session.notify('tick')).toBe(false);
      expect(socket.send).not.toHaveBeenCalled();
    });
  });

  describe('send', () => {
    it('writes the frame as text and returns true', () => {
      const frame = Buffer.from('{"jsonrpc":"2.0","result":1,"id":1}');

      expect(session.send(frame)).toBe(true);
      expect(socket.send).toHaveBeenCalledWith(frame, { binary: false });
    });

    it.each([
      ['CONNECTING', WebSocket.CONNECTING],
      ['CLOSING', WebSocket.CLOSING],
      ['CLOSED', WebSocket.CLOSED],
    ])('returns false and sends nothing when the socket is %s', (_name, readyState) => {
      socket.readyState = readyState;

      expect(session.send('{}')).toBe(false);
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('does not consult the outbound gate for a socket that is not open', () => {
      socket.readyState = WebSocket.CLOSED;
      socket.bufferedAmount = 1_000_000;

      session.send('{}');

      expect(gate.droppedMessages).toBe(0);
      expect(gate.slowConsumerDisconnects).toBe(0);
    });

    it('returns false when the outbound gate refuses', () => {
      const admit = vi.spyOn(gate, 'admit').mockReturnValue(false);

      expect(session.send('{}')).toBe(false);

      expect(admit).toHaveBeenCalledWith(session);
      expect(socket.send).not.toHaveBeenCalled();
    });
  });

  describe('reply', () => {
    it('writes the reply as text and returns true', () => {
      expect(session.reply('{"jsonrpc":"2.0","result":1,"id":1}')).toBe(true);

      expect(socket.send).toHaveBeenCalledWith('{"jsonrpc":"2.0","result":1,"id":1}', {
        binary: false,
      });
    });

    it('returns false and sends nothing when the socket is not open', () => {
      socket.readyState = WebSocket.CLOSING;

      expect(session.reply('{}')).toBe(false);
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('asks the gate with admitReply, not admit', () => {
      const admit = vi.spyOn(gate, 'admit');
      const admitReply = vi.spyOn(gate, 'admitReply').mockReturnValue(false);

      expect(session.reply('{}')).toBe(false);

      expect(admitReply).toHaveBeenCalledWith(session);
      expect(admit).not.toHaveBeenCalled();
      expect(socket.send).not.toHaveBeenCalled();
    });
  });

  describe('holdReading and releaseReading', () => {
    it('pauses once, however many reasons hold it', () => {
      session.holdReading('in-flight');
      session.holdReading('login');
      session.holdReading('in-flight');

      expect(socket.pause).toHaveBeenCalledTimes(1);
    });

    it('resumes only when the last reason is released', () => {
      session.holdReading('in-flight');
      session.holdReading('login');

      session.releaseReading('in-flight');
      expect(socket.resume).not.toHaveBeenCalled();

      session.releaseReading('login');
      expect(socket.resume).toHaveBeenCalledTimes(1);
    });

    it('ignores the release of a reason that does not hold it', () => {
      session.releaseReading('login');
      session.holdReading('in-flight');
      session.releaseReading('login');

      expect(socket.resume).not.toHaveBeenCalled();

      session.releaseReading('in-flight');
      session.releaseReading('in-flight');

      expect(socket.resume).toHaveBeenCalledTimes(1);
    });

    it('pauses again after a full release', () => {
      session.holdReading('login');
      session.releaseReading('login');
      session.holdReading('login');

      expect(socket.pause).toHaveBeenCalledTimes(2);
    });

    it('holdUntilDrained does nothing without a transport', () => {
      session.holdUntilDrained();

      expect(socket.pause).not.toHaveBeenCalled();
    });
  });

  describe('corked writes', () => {
    const realWritableLength = Object.getOwnPropertyDescriptor(
      Duplex.prototype,
      'writableLength',
    )!.get!;
    function corkable(): {
      transport: Duplex & { writableLength: number };
      session: JsonRpcSession;
    } {
      // A real stream, whose byte count the test can set.
      const transport = new PassThrough() as PassThrough & { writableLength: number };
      let writableLength: number | undefined;
      Object.defineProperty(transport, 'writableLength', {
        get: () => writableLength ?? realWritableLength.call(transport),
        set: (value: number) => (writableLength = value),
      });
      vi.spyOn(transport, 'cork');
      vi.spyOn(transport, 'uncork');
      const corked = new JsonRpcSession(socket as unknown as WebSocket, undefined, gate, transport);
      return { transport, session: corked };
    }
    const tickEnd = () => new Promise((resolve) => process.nextTick(resolve));

    it('writes the first message of a tick at once', () => {
      const { transport, session: corked } = corkable();
      corked.reply('{"a":1}');

      expect(transport.cork).not.toHaveBeenCalled();
      expect(transport.read()).toStrictEqual(textFrame('{"a":1}'));
    });

    it('holds the rest of what one tick writes, replies and pushes, until the tick ends', async () => {
      const { transport, session: corked } = corkable();
      corked.reply('{"a":1}');
      transport.read();
      // The test body is a promise continuation, so the next one still shares its tick (see tick-cork.ts).
      await Promise.resolve();
      corked.notify('b');
      corked.reply('{"a":2}');

      expect(transport.cork).toHaveBeenCalledTimes(1);
      expect(transport.uncork).not.toHaveBeenCalled();
      expect(transport.read()).toBeNull();
      await tickEnd();
      expect(transport.uncork).toHaveBeenCalledTimes(1);
      expect(transport.read()).toStrictEqual(
        Buffer.concat([textFrame('{"jsonrpc":"2.0","method":"b"}'), textFrame('{"a":2}')]),
      );
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('does not cork without a transport', () => {
      session.reply('{"a":1}');
      session.reply('{"a":2}');
      expect(socket.send).toHaveBeenCalledTimes(2);
    });

    it('starts afresh in the next tick', async () => {
      const { transport, session: corked } = corkable();
      corked.reply('{"a":1}');
      corked.reply('{"a":2}');
      await tickEnd();
      corked.reply('{"a":3}');
      await tickEnd();
      corked.reply('{"a":4}');
      corked.reply('{"a":5}');
      await tickEnd();

      expect(transport.cork).toHaveBeenCalledTimes(2);
      expect(transport.uncork).toHaveBeenCalledTimes(2);
      expect(transport.read()).toStrictEqual(
        Buffer.concat([1, 2, 3, 4, 5].map((a) => textFrame(`{"a":${a}}`))),
      );
    });

    it('writes at once past 16 KiB held, and uncorks only once', async () => {
      const { transport, session: corked } = corkable();
      corked.reply('{"first":true}');
      corked.reply('{"small":true}');
      transport.writableLength = 16 * 1024;
      corked.reply('{"big":true}');
      expect(transport.uncork).toHaveBeenCalledTimes(1);
      await tickEnd();
      expect(transport.uncork).toHaveBeenCalledTimes(1);
    });

    it('uncorks every connection of the tick', async () => {
      const connections = [corkable(), corkable(), corkable()];
      for (const { session: corked } of connections) corked.notify('one');
      for (const { session: corked } of connections) corked.notify('two');
      await tickEnd();

      for (const { transport } of connections) {
        expect(transport.uncork).toHaveBeenCalledTimes(1);
        expect(transport.read()).toStrictEqual(
          Buffer.concat([
            textFrame('{"jsonrpc":"2.0","method":"one"}'),
            textFrame('{"jsonrpc":"2.0","method":"two"}'),
          ]),
        );
      }
    });
  });

  describe('with its TCP socket at hand', () => {
    function wired(): { transport: PassThrough; session: JsonRpcSession } {
      const transport = new PassThrough();
      return {
        transport,
        session: new JsonRpcSession(socket as unknown as WebSocket, undefined, gate, transport),
      };
    }

    it('writes each message as one whole text frame, not through ws', async () => {
      const { transport, session: direct } = wired();
      const payload = Buffer.from('{"jsonrpc":"2.0","method":"c"}');
      direct.reply('{"jsonrpc":"2.0","result":"é","id":1}');
      direct.notify('a', { n: 1 });
      direct.send(payload);
      direct.send(new PreparedText(payload));
      await new Promise((resolve) => process.nextTick(resolve));

      expect(transport.read()).toStrictEqual(
        Buffer.concat([
          textFrame('{"jsonrpc":"2.0","result":"é","id":1}'),
          textFrame('{"jsonrpc":"2.0","method":"a","params":{"n":1}}'),
          textFrameOf(payload),
          textFrameOf(payload),
        ]),
      );
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('writes nothing once the socket is closing', () => {
      const { transport, session: direct } = wired();
      socket.readyState = WebSocket.CLOSING;

      expect(direct.send(new PreparedText(Buffer.from('{}')))).toBe(false);
      expect(direct.reply('{}')).toBe(false);
      expect(transport.read()).toBeNull();
    });
  });

  describe('without its TCP socket', () => {
    it('hands a prepared message to ws as its payload', () => {
      const payload = Buffer.from('{"jsonrpc":"2.0","method":"c"}');

      expect(session.send(new PreparedText(payload))).toBe(true);
      expect(socket.send).toHaveBeenCalledWith(payload, { binary: false });
    });
  });

  describe('end', () => {
    it('records the reason and closes with the code and the reason as text', () => {
      session.end({ code: 4004, reason: 'kicked' });

      expect(session.closeReason).toBe('kicked');
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4004, 'kicked');
      expect(session.isOpen).toBe(false);
    });

    it('uses the message as close text when given', () => {
      session.end({ code: 1001, reason: 'shutdown', message: 'Server restarting' });

      expect(socket.close).toHaveBeenCalledWith(1001, 'Server restarting');
      expect(session.closeReason).toBe('shutdown');
    });

    it('records the first reason only and closes once', () => {
      session.end({ code: 4004, reason: 'kicked' });
      session.end({ code: 4003, reason: 'token-expired', notice: { method: 'session.expired' } });
      session.end({ code: 1001, reason: 'shutdown' });

      expect(session.closeReason).toBe('kicked');
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('keeps the first reason even while the socket still reads as open', () => {
      socket.close.mockImplementation(() => undefined);

      session.end({ code: 4004, reason: 'kicked' });
      session.end({ code: 4001, reason: 'anonymous-timeout' });

      expect(session.closeReason).toBe('kicked');
      expect(socket.close).toHaveBeenCalledTimes(1);
    });

    it('does nothing when the socket is already closing or closed', () => {
      socket.readyState = WebSocket.CLOSING;
      session.end({ code: 4004, reason: 'kicked', notice: { method: 'session.kicked' } });
      socket.readyState = WebSocket.CLOSED;
      session.end({ code: 4004, reason: 'kicked' });

      expect(session.closeReason).toBeUndefined();
      expect(socket.close).not.toHaveBeenCalled();
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('sends the notice before the close', () => {
      session.end({
        code: 4004,
        reason: 'kicked',
        notice: { method: 'session.kicked', params: { reason: 'Logged in elsewhere' } },
      });

      expect(socket.send).toHaveBeenCalledTimes(1);
      expect(socket.send).toHaveBeenCalledWith(
        '{"jsonrpc":"2.0","method":"session.kicked","params":{"reason":"Logged in elsewhere"}}',
        { binary: false },
      );
      expect(socket.send.mock.invocationCallOrder[0]).toBeLessThan(
        socket.close.mock.invocationCallOrder[0]!,
      );
    });

    it('sends a notice without params as a bare notification', () => {
      session.end({ code: 4004, reason: 'kicked', notice: { method: 'session.kicked' } });

      expect(socket.send).toHaveBeenCalledWith('{"jsonrpc":"2.0","method":"session.kicked"}', {
        binary: false,
      });
    });

    it('still closes when the notice cannot be sent', () => {
      socket.bufferedAmount = 1_000_000;

      session.end({ code: 4004, reason: 'kicked', notice: { method: 'session.kicked' } });

      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.close).toHaveBeenCalledWith(4004, 'kicked');
      expect(session.closeReason).toBe('kicked');
      expect(gate.slowConsumerDisconnects).toBe(0);
    });

    it('terminates after terminateAfterMs', () => {
      vi.useFakeTimers();

      session.end({ code: 4002, reason: 'heartbeat-timeout', terminateAfterMs: 500 });
      vi.advanceTimersByTime(499);
      expect(socket.terminate).not.toHaveBeenCalled();

      vi.advanceTimersByTime(1);
      expect(socket.terminate).toHaveBeenCalledTimes(1);
    });

    it('does not terminate without terminateAfterMs', () => {
      vi.useFakeTimers();

      session.end({ code: 4004, reason: 'kicked' });
      vi.advanceTimersByTime(60_000);

      expect(socket.terminate).not.toHaveBeenCalled();
    });
  });

  describe('endAfterReply and flushPendingEnding', () => {
    it('does not end the session right away', () => {
      session.endAfterReply({ code: 4005, reason: 'limit' });

      expect(session.closeReason).toBeUndefined();
      expect(socket.close).not.toHaveBeenCalled();
      expect(session.isOpen).toBe(true);
    });

    it('ends it when flushed, notice first', () => {
      session.endAfterReply({
        code: 4005,
        reason: 'limit',
        notice: { method: 'session.rejected', params: { reason: 'Too many connections' } },
      });
      session.send('{"jsonrpc":"2.0","error":{"code":-32029,"message":"x"},"id":1}');

      session.flushPendingEnding();

      expect(session.closeReason).toBe('limit');
      expect(socket.send.mock.calls.map(([frame]) => JSON.parse(frame as string))).toStrictEqual([
        { jsonrpc: '2.0', error: { code: -32029, message: 'x' }, id: 1 },
        {
          jsonrpc: '2.0',
          method: 'session.rejected',
          params: { reason: 'Too many connections' },
        },
      ]);
      expect(socket.close).toHaveBeenCalledWith(4005, 'limit');
    });

    it('keeps the first pending ending', () => {
      session.endAfterReply({ code: 4005, reason: 'limit' });
      session.endAfterReply({ code: 4004, reason: 'kicked' });

      session.flushPendingEnding();

      expect(session.closeReason).toBe('limit');
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4005, 'limit');
    });

    it('flushes once', () => {
      session.endAfterReply({ code: 4005, reason: 'limit' });

      session.flushPendingEnding();
      session.flushPendingEnding();

      expect(socket.close).toHaveBeenCalledTimes(1);
    });

    it('does nothing when nothing is pending', () => {
      session.flushPendingEnding();

      expect(session.closeReason).toBeUndefined();
      expect(socket.close).not.toHaveBeenCalled();
    });

    it('lets an immediate end win over a pending one', () => {
      session.endAfterReply({ code: 4005, reason: 'limit' });
      session.end({ code: 1001, reason: 'shutdown' });

      session.flushPendingEnding();

      expect(session.closeReason).toBe('shutdown');
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(1001, 'shutdown');
    });
  });

  describe('identity', () => {
    it('reflects the bound identity', () => {
      const user = { name: 'Alice' };

      session.bindIdentity({
        userId: 'alice',
        platform: 'ios',
        user,
        expiresAt: 2_000,
        authenticatedAt: 1_000,
      });

      expect(session.authenticated).toBe(true);
      expect(session.userId).toBe('alice');
      expect(session.platform).toBe('ios');
      expect(session.user).toBe(user);
      expect(session.expiresAt).toBe(2_000);
      expect(session.authenticatedAt).toBe(1_000);
    });

    it('restarts the anonymous period when the identity is cleared', () => {
      vi.useFakeTimers({ now: 5_000 });
      const fresh = new JsonRpcSession(socket as unknown as WebSocket, undefined, gate);
      fresh.bindIdentity({
        userId: 'a',
        platform: 'web',
        user: undefined,
        expiresAt: undefined,
        authenticatedAt: 5_000,
      });
      vi.setSystemTime(9_000);

      fresh.bindIdentity(undefined);

      expect(fresh.authenticated).toBe(false);
      expect(fresh.anonymousSince).toBe(9_000);
    });
  });

  describe('data', () => {
    it('is created lazily, on first use', () => {
      expect((session as unknown as { state?: unknown }).state).toBeUndefined();

      const data = session.data;

      expect(data).toBeInstanceOf(Map);
      expect(data.size).toBe(0);
      expect((session as unknown as { state?: unknown }).state).toBe(data);
    });

    it('is the same map on every access and keeps its values', () => {
      session.data.set('room', 'lobby');
      session.data.set('count', 1);

      expect(session.data).toBe(session.data);
      expect(session.data.get('room')).toBe('lobby');
      expect(session.data.get('count')).toBe(1);
    });

    it('is separate for each session', () => {
      const other = new JsonRpcSession(socket as unknown as WebSocket, undefined, gate);
      session.data.set('room', 'lobby');

      expect(other.data).not.toBe(session.data);
      expect(other.data.has('room')).toBe(false);
    });

    it('survives the end of the session', () => {
      session.data.set('room', 'lobby');

      session.end({ code: 4004, reason: 'kicked' });

      expect(session.data.get('room')).toBe('lobby');
    });
  });

  describe('topics', () => {
    it('is empty at first', () => {
      expect(session.topics.size).toBe(0);
      expect([...session.topics]).toStrictEqual([]);
      expect(session.topics.has('news')).toBe(false);
    });

    it('is a read-only view of the subscriptions the registry makes', () => {
      const registry = new SessionRegistry();
      registry.add(session);
      const before = session.topics;

      registry.subscribe(session, 'news');
      registry.subscribe(session, 'sports');

      expect([...session.topics]).toStrictEqual(['news', 'sports']);
      expect(session.topics).toBe(session.topics);
      expect(before.size).toBe(0);

      registry.unsubscribe(session, 'news');

      expect([...session.topics]).toStrictEqual(['sports']);
    });

    it('is typed read-only (checked by the compiler)', () => {
      type Topics = JsonRpcSession['topics'];
      const readOnly: Topics extends Set<string> ? false : true = true;

      expect(readOnly).toBe(true);
    });

    it('is not shared between sessions', () => {
      const registry = new SessionRegistry();
      const other = new JsonRpcSession(socket as unknown as WebSocket, undefined, gate);
      registry.add(session);
      registry.add(other);

      registry.subscribe(session, 'news');

      expect(session.topics.has('news')).toBe(true);
      expect(other.topics.size).toBe(0);
    });
  });
});
