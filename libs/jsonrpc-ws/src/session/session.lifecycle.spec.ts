import { WebSocket } from 'ws';
import { JsonRpcSession } from './jsonrpc-session';
import { JsonRpcWsModuleOptions } from '../options/jsonrpc-ws-options.interface';
import { resolveOptions } from '../options/jsonrpc-ws-options.resolver';
import { OutboundGate } from './outbound-gate';
import { SessionLifecycle } from './session.lifecycle';
import { SessionRegistry } from './session-registry';
import { FakeSocket, fakeSocket } from '../../../../test/support/fake-socket';

/** Every session connects at T0 (the fake clock), so deadlines are T0 + a window. */
const T0 = 1_700_000_000_000;

describe('SessionLifecycle.sweep', () => {
  let registry: SessionRegistry;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    registry = new SessionRegistry();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  function lifecycle(options: JsonRpcWsModuleOptions): SessionLifecycle {
    return new SessionLifecycle(resolveOptions(options), registry);
  }

  function connect(): { session: JsonRpcSession; socket: FakeSocket } {
    const socket = fakeSocket();
    const session = new JsonRpcSession(
      socket as unknown as WebSocket,
      '127.0.0.1',
      new OutboundGate(1024, 'disconnect'),
    );
    registry.add(session);
    return { session, socket };
  }

  function login(session: JsonRpcSession, expiresAt?: number): void {
    registry.bindUser(session, {
      userId: 'alice',
      platform: 'web',
      user: { name: 'Alice' },
      expiresAt,
      authenticatedAt: Date.now(),
    });
  }

  it('starts every session at the fake clock', () => {
    const { session } = connect();

    expect(session.connectedAt).toBe(T0);
    expect(session.lastSeenAt).toBe(T0);
    expect(session.anonymousSince).toBe(T0);
  });

  describe('anonymous timeout', () => {
    const options = { anonymousTimeoutMs: 1000, heartbeatTimeoutMs: 0 };

    it('closes an anonymous session with 4001 once the window has passed', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();

      sweeper.sweep(T0 + 999);
      expect(socket.close).not.toHaveBeenCalled();
      expect(session.closeReason).toBeUndefined();

      sweeper.sweep(T0 + 1000);
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4001, 'anonymous-timeout');
      expect(session.closeReason).toBe('anonymous-timeout');
    });

    it('sends no notification and schedules no terminate', () => {
      const sweeper = lifecycle(options);
      const { socket } = connect();

      sweeper.sweep(T0 + 1000);
      vi.advanceTimersByTime(60_000);

      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.terminate).not.toHaveBeenCalled();
    });

    it('leaves a logged-in session open', () => {
      const sweeper = lifecycle(options);
      const anonymous = connect();
      const member = connect();
      login(member.session);

      sweeper.sweep(T0 + 10_000);

      expect(anonymous.socket.close).toHaveBeenCalledWith(4001, 'anonymous-timeout');
      expect(member.socket.close).not.toHaveBeenCalled();
      expect(member.session.closeReason).toBeUndefined();
    });

    it('does not care about activity: only a login stops it', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();

      session.lastSeenAt = T0 + 999;
      sweeper.sweep(T0 + 1000);

      expect(socket.close).toHaveBeenCalledWith(4001, 'anonymous-timeout');
    });

    it('is disabled by 0', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 0, heartbeatTimeoutMs: 0 });
      const { session, socket } = connect();

      sweeper.sweep(T0 + 365 * 24 * 3600 * 1000);

      expect(socket.close).not.toHaveBeenCalled();
      expect(session.closeReason).toBeUndefined();
    });

    it('restarts the anonymous clock at logout', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();
      vi.setSystemTime(T0 + 500);
      login(session);

      sweeper.sweep(T0 + 1500);
      expect(socket.close).not.toHaveBeenCalled();

      vi.setSystemTime(T0 + 1800);
      registry.unbindUser(session);
      expect(session.anonymousSince).toBe(T0 + 1800);

      sweeper.sweep(T0 + 2799);
      expect(socket.close).not.toHaveBeenCalled();

      sweeper.sweep(T0 + 2800);
      expect(socket.close).toHaveBeenCalledWith(4001, 'anonymous-timeout');
    });
  });

  describe('heartbeat timeout', () => {
    const options = { anonymousTimeoutMs: 0, heartbeatTimeoutMs: 1000 };

    it('closes a silent anonymous session with 4002', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();

      sweeper.sweep(T0 + 999);
      expect(socket.close).not.toHaveBeenCalled();

      sweeper.sweep(T0 + 1000);
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4002, 'heartbeat-timeout');
      expect(session.closeReason).toBe('heartbeat-timeout');
    });

    it('closes a silent logged-in session with 4002', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();
      login(session);

      sweeper.sweep(T0 + 1000);

      expect(socket.close).toHaveBeenCalledWith(4002, 'heartbeat-timeout');
      expect(session.closeReason).toBe('heartbeat-timeout');
    });

    it('counts from the last time the client was heard', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();

      session.lastSeenAt = T0 + 800;
      sweeper.sweep(T0 + 1500);
      expect(socket.close).not.toHaveBeenCalled();

      sweeper.sweep(T0 + 1799);
      expect(socket.close).not.toHaveBeenCalled();

      sweeper.sweep(T0 + 1800);
      expect(socket.close).toHaveBeenCalledWith(4002, 'heartbeat-timeout');
    });

    it('terminates the dead peer after a one second grace period', () => {
      const sweeper = lifecycle(options);
      const { socket } = connect();

      sweeper.sweep(T0 + 1000);
      vi.advanceTimersByTime(999);
      expect(socket.terminate).not.toHaveBeenCalled();

      vi.advanceTimersByTime(1);
      expect(socket.terminate).toHaveBeenCalledTimes(1);
    });

    it('is disabled by 0', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 0, heartbeatTimeoutMs: 0 });
      const anonymous = connect();
      const member = connect();
      login(member.session);

      sweeper.sweep(T0 + 365 * 24 * 3600 * 1000);

      expect(anonymous.socket.close).not.toHaveBeenCalled();
      expect(member.socket.close).not.toHaveBeenCalled();
    });

    it('wins over the anonymous timeout when both are due', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 1000, heartbeatTimeoutMs: 1000 });
      const { socket } = connect();

      sweeper.sweep(T0 + 1000);

      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4002, 'heartbeat-timeout');
    });
  });

  describe('token expiry', () => {
    const options = { anonymousTimeoutMs: 0, heartbeatTimeoutMs: 0 };
    const expiredNotice = JSON.stringify({
      jsonrpc: '2.0',
      method: 'session.expired',
      params: { reason: 'Session expired, log in again' },
    });

    it('sends session.expired, then closes with 4003, once expiresAt is reached', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();
      login(session, T0 + 500);

      sweeper.sweep(T0 + 499);
      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.close).not.toHaveBeenCalled();

      sweeper.sweep(T0 + 500);
      expect(socket.send).toHaveBeenCalledTimes(1);
      expect(socket.send).toHaveBeenCalledWith(expiredNotice, { binary: false });
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4003, 'token-expired');
      expect(socket.send.mock.invocationCallOrder[0]).toBeLessThan(
        socket.close.mock.invocationCallOrder[0]!,
      );
      expect(session.closeReason).toBe('token-expired');
    });

    it('never expires a session without expiresAt', () => {
      const sweeper = lifecycle(options);
      const { session, socket } = connect();
      login(session, undefined);

      sweeper.sweep(T0 + 365 * 24 * 3600 * 1000);

      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.close).not.toHaveBeenCalled();
    });

    it('applies with the timeouts on as well', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 1000, heartbeatTimeoutMs: 1000 });
      const { session, socket } = connect();
      login(session, T0 + 500);

      sweeper.sweep(T0 + 600);

      expect(socket.send).toHaveBeenCalledWith(expiredNotice, { binary: false });
      expect(socket.close).toHaveBeenCalledWith(4003, 'token-expired');
    });

    it('only expires the sessions whose time is up', () => {
      const sweeper = lifecycle(options);
      const early = connect();
      const late = connect();
      login(early.session, T0 + 500);
      login(late.session, T0 + 5000);

      sweeper.sweep(T0 + 1000);

      expect(early.socket.close).toHaveBeenCalledWith(4003, 'token-expired');
      expect(late.socket.close).not.toHaveBeenCalled();
      expect(late.socket.send).not.toHaveBeenCalled();
    });
  });

  describe('sessions already ending', () => {
    it('are skipped', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 1000, heartbeatTimeoutMs: 1000 });
      const { session, socket } = connect();
      session.end({ code: 4004, reason: 'kicked' });

      sweeper.sweep(T0 + 10_000);

      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledWith(4004, 'kicked');
      expect(session.closeReason).toBe('kicked');
    });

    it('are skipped even while their socket still reads as open', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 0, heartbeatTimeoutMs: 0 });
      const { session, socket } = connect();
      login(session, T0 + 500);
      session.closeReason = 'shutdown';

      sweeper.sweep(T0 + 1000);

      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.close).not.toHaveBeenCalled();
    });

    it('are not warned or closed twice by later sweeps', () => {
      const sweeper = lifecycle({ anonymousTimeoutMs: 0, heartbeatTimeoutMs: 0 });
      const { session, socket } = connect();
      login(session, T0 + 500);

      sweeper.sweep(T0 + 500);
      sweeper.sweep(T0 + 600);
      sweeper.sweep(T0 + 700);

      expect(socket.send).toHaveBeenCalledTimes(1);
      expect(socket.close).toHaveBeenCalledTimes(1);
    });
  });

  it('only looks at registered sessions', () => {
    const sweeper = lifecycle({ anonymousTimeoutMs: 1000, heartbeatTimeoutMs: 1000 });
    const { session, socket } = connect();
    registry.remove(session);

    sweeper.sweep(T0 + 10_000);

    expect(socket.close).not.toHaveBeenCalled();
  });

  it('handles a mix of sessions in one sweep', () => {
    const sweeper = lifecycle({ anonymousTimeoutMs: 1000, heartbeatTimeoutMs: 3000 });
    const fresh = connect();
    const member = connect();
    const expiring = connect();
    const silent = connect();
    vi.setSystemTime(T0 + 1500);
    const late = connect();
    login(member.session);
    login(expiring.session, T0 + 1800);
    login(silent.session);
    for (const { session } of [fresh, member, expiring, late]) session.lastSeenAt = T0 + 1900;

    sweeper.sweep(T0 + 2000);

    expect(fresh.socket.close).toHaveBeenCalledWith(4001, 'anonymous-timeout');
    expect(member.socket.close).not.toHaveBeenCalled();
    expect(expiring.socket.close).toHaveBeenCalledWith(4003, 'token-expired');
    expect(silent.socket.close).not.toHaveBeenCalled();
    expect(late.socket.close).not.toHaveBeenCalled();

    sweeper.sweep(T0 + 2499);

    expect(late.socket.close).not.toHaveBeenCalled();

    sweeper.sweep(T0 + 3000);

    expect(silent.socket.close).toHaveBeenCalledWith(4002, 'heartbeat-timeout');
    expect(late.socket.close).toHaveBeenCalledWith(4001, 'anonymous-timeout');
    expect(member.socket.close).not.toHaveBeenCalled();

    sweeper.sweep(T0 + 4900);

    expect(member.socket.close).toHaveBeenCalledWith(4002, 'heartbeat-timeout');
    for (const { socket } of [fresh, member, expiring, silent, late]) {
      expect(socket.close).toHaveBeenCalledTimes(1);
    }
  });
});
