import { WebSocket } from 'ws';
import { JsonRpcSession } from './jsonrpc-session';
import { OutboundGate } from './outbound-gate';
import { RegistryCounts, SessionRegistry } from './session-registry';
import { mulberry32 } from '../../../../test/support/prng';

/** A fake `ws` socket: the registry never touches it, sessions only read `readyState`. */
function fakeSocket(): WebSocket {
  return {
    readyState: WebSocket.OPEN,
    bufferedAmount: 0,
    send: vi.fn(),
    close: vi.fn(),
    terminate: vi.fn(),
    ping: vi.fn(),
  } as unknown as WebSocket;
}

function newSession(): JsonRpcSession {
  return new JsonRpcSession(fakeSocket(), '127.0.0.1', new OutboundGate(1024, 'disconnect'));
}

function bind(
  registry: SessionRegistry,
  session: JsonRpcSession,
  userId: string,
  platform = 'web',
): void {
  registry.bindUser(session, {
    userId,
    platform,
    user: { name: `user ${userId}` },
    expiresAt: undefined,
    authenticatedAt: Date.now(),
  });
}

const EMPTY_COUNTS: RegistryCounts = {
  connections: 0,
  authenticated: 0,
  anonymous: 0,
  users: 0,
  byPlatform: {},
  sse: 0,
  topics: 0,
  subscriptions: 0,
};

describe('SessionRegistry', () => {
  let registry: SessionRegistry;

  beforeEach(() => {
    registry = new SessionRegistry();
  });

  function added(): JsonRpcSession {
    const session = newSession();
    registry.add(session);
    return session;
  }

  describe('add, get and all', () => {
    it('starts empty', () => {
      expect(registry.size).toBe(0);
      expect([...registry.all()]).toStrictEqual([]);
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });

    it('indexes sessions by id, anonymous at first', () => {
      const a = added();
      const b = added();

      expect(registry.size).toBe(2);
      expect(registry.get(a.id)).toBe(a);
      expect(registry.get(b.id)).toBe(b);
      expect(registry.get('nope')).toBeUndefined();
      expect([...registry.all()]).toStrictEqual([a, b]);
      expect(registry.counts()).toStrictEqual({ ...EMPTY_COUNTS, connections: 2, anonymous: 2 });
    });

    it('adding the same session twice keeps one entry', () => {
      const a = added();
      registry.add(a);

      expect(registry.size).toBe(1);
      expect(registry.counts().connections).toBe(1);
    });
  });

  describe('users are keyed structurally', () => {
    const lookalikes = ['1', 'b_1', '_1', '1_'];

    it('keeps users "1", "b_1", "_1" and "1_" fully apart', () => {
      const sessions = new Map(lookalikes.map((userId) => [userId, added()] as const));
      for (const [userId, session] of sessions) bind(registry, session, userId);

      for (const [userId, session] of sessions) {
        expect(registry.hasUser(userId)).toBe(true);
        expect(registry.ofUser(userId)).toStrictEqual([session]);
        expect(registry.ofUser(userId, 'web')).toStrictEqual([session]);
      }
      expect(registry.counts()).toStrictEqual({
        ...EMPTY_COUNTS,
        connections: 4,
        authenticated: 4,
        users: 4,
        byPlatform: { web: 4 },
        sse: 0,
      });
    });

    it('does not match "1" against "b_1" or the other way round', () => {
      bind(registry, added(), 'b_1', 'ios');

      expect(registry.hasUser('1')).toBe(false);
      expect(registry.hasUser('b')).toBe(false);
      expect(registry.hasUser('b_1_ios')).toBe(false);
      expect(registry.ofUser('1')).toStrictEqual([]);
      expect(registry.ofUser('1', 'ios')).toStrictEqual([]);
      expect(registry.ofUser('b', '1_ios')).toStrictEqual([]);
      expect(registry.ofUser('b_1', 'ios')).toHaveLength(1);
    });

    it("keeps one user's sessions when a lookalike user leaves", () => {
      const one = added();
      const bOne = added();
      bind(registry, one, '1', 'b');
      bind(registry, bOne, 'b_1');

      registry.unbindUser(bOne);

      expect(registry.hasUser('b_1')).toBe(false);
      expect(registry.ofUser('1')).toStrictEqual([one]);
      expect(registry.ofUser('1', 'b')).toStrictEqual([one]);
      expect(registry.counts()).toMatchObject({ authenticated: 1, anonymous: 1, users: 1 });
    });
  });

  describe('ofUser', () => {
    it('returns the sessions of a user on every platform, or on one', () => {
      const web1 = added();
      const web2 = added();
      const ios = added();
      const other = added();
      bind(registry, web1, 'alice', 'web');
      bind(registry, web2, 'alice', 'web');
      bind(registry, ios, 'alice', 'ios');
      bind(registry, other, 'bob', 'web');

      expect(new Set(registry.ofUser('alice'))).toStrictEqual(new Set([web1, web2, ios]));
      expect(registry.ofUser('alice')).toHaveLength(3);
      expect(new Set(registry.ofUser('alice', 'web'))).toStrictEqual(new Set([web1, web2]));
      expect(registry.ofUser('alice', 'ios')).toStrictEqual([ios]);
      expect(registry.ofUser('alice', 'android')).toStrictEqual([]);
      expect(registry.ofUser('carol')).toStrictEqual([]);
      expect(registry.ofUser('carol', 'web')).toStrictEqual([]);
    });

    it('returns a copy that the caller may change', () => {
      const session = added();
      bind(registry, session, 'alice');

      registry.ofUser('alice').pop();
      registry.ofUser('alice', 'web').pop();

      expect(registry.ofUser('alice')).toStrictEqual([session]);
    });
  });

  describe('bindUser', () => {
    it('sets the session identity', () => {
      const session = added();
      const user = { name: 'Alice' };

      registry.bindUser(session, {
        userId: 'alice',
        platform: 'ios',
        user,
        expiresAt: 123,
        authenticatedAt: 45,
      });

      expect(session.authenticated).toBe(true);
      expect(session.userId).toBe('alice');
      expect(session.platform).toBe('ios');
      expect(session.user).toBe(user);
      expect(session.expiresAt).toBe(123);
      expect(session.authenticatedAt).toBe(45);
    });

    it('moves a session re-bound to another user', () => {
      const session = added();
      bind(registry, session, 'alice', 'web');

      bind(registry, session, 'bob', 'ios');

      expect(session.userId).toBe('bob');
      expect(registry.hasUser('alice')).toBe(false);
      expect(registry.ofUser('alice')).toStrictEqual([]);
      expect(registry.ofUser('bob', 'ios')).toStrictEqual([session]);
      expect(registry.counts()).toStrictEqual({
        ...EMPTY_COUNTS,
        connections: 1,
        authenticated: 1,
        users: 1,
        byPlatform: { ios: 1 },
        sse: 0,
      });
    });

    it('moves a session re-bound to another platform of the same user', () => {
      const session = added();
      bind(registry, session, 'alice', 'web');

      bind(registry, session, 'alice', 'ios');

      expect(registry.ofUser('alice', 'web')).toStrictEqual([]);
      expect(registry.ofUser('alice')).toStrictEqual([session]);
      expect(registry.counts().byPlatform).toStrictEqual({ ios: 1 });
    });

    it('binding the same identity twice counts the session once', () => {
      const session = added();
      bind(registry, session, 'alice');
      bind(registry, session, 'alice');

      expect(registry.ofUser('alice')).toStrictEqual([session]);
      expect(registry.counts()).toMatchObject({ authenticated: 1, users: 1 });
    });

    it('ignores a session that is not registered', () => {
      const stranger = newSession();

      bind(registry, stranger, 'alice');

      expect(stranger.authenticated).toBe(false);
      expect(registry.hasUser('alice')).toBe(false);
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });
  });

  describe('unbindUser', () => {
    it('is a no-op for an anonymous session', () => {
      const session = added();
      const other = added();
      bind(registry, other, 'alice');
      const anonymousSince = session.anonymousSince;
      const before = registry.counts();

      registry.unbindUser(session);

      expect(session.authenticated).toBe(false);
      expect(session.anonymousSince).toBe(anonymousSince);
      expect(registry.counts()).toStrictEqual(before);
      expect(registry.ofUser('alice')).toStrictEqual([other]);
    });

    it('makes the session anonymous and drops it from the user index', () => {
      const session = added();
      bind(registry, session, 'alice');

      registry.unbindUser(session);

      expect(session.authenticated).toBe(false);
      expect(session.userId).toBeUndefined();
      expect(session.platform).toBeUndefined();
      expect(session.user).toBeUndefined();
      expect(session.expiresAt).toBeUndefined();
      expect(session.authenticatedAt).toBeUndefined();
      expect(registry.hasUser('alice')).toBe(false);
      expect(registry.counts()).toStrictEqual({ ...EMPTY_COUNTS, connections: 1, anonymous: 1 });
    });

    it('keeps the user while another of their sessions is bound', () => {
      const a = added();
      const b = added();
      bind(registry, a, 'alice', 'web');
      bind(registry, b, 'alice', 'web');

      registry.unbindUser(a);

      expect(registry.hasUser('alice')).toBe(true);
      expect(registry.ofUser('alice', 'web')).toStrictEqual([b]);
      expect(registry.counts()).toMatchObject({ authenticated: 1, anonymous: 1, users: 1 });
    });

    it('is harmless when called twice', () => {
      const session = added();
      bind(registry, session, 'alice');

      registry.unbindUser(session);
      registry.unbindUser(session);

      expect(registry.counts()).toStrictEqual({ ...EMPTY_COUNTS, connections: 1, anonymous: 1 });
    });
  });

  describe('remove', () => {
    it('returns false for a session that was never registered', () => {
      added();

      expect(registry.remove(newSession())).toBe(false);
      expect(registry.counts().connections).toBe(1);
    });

    it('is idempotent: the second call returns false and changes nothing', () => {
      const session = added();
      const other = added();
      bind(registry, session, 'alice');
      bind(registry, other, 'bob');
      registry.subscribe(session, 'news');
      registry.subscribe(other, 'news');

      expect(registry.remove(session)).toBe(true);
      const after = registry.counts();
      expect(registry.remove(session)).toBe(false);
      expect(registry.remove(session)).toBe(false);

      expect(registry.counts()).toStrictEqual(after);
      expect(after).toStrictEqual({
        connections: 1,
        authenticated: 1,
        anonymous: 0,
        users: 1,
        byPlatform: { web: 1 },
        sse: 0,
        topics: 1,
        subscriptions: 1,
      });
    });

    it('never lets a count go negative', () => {
      const session = added();
      bind(registry, session, 'alice');
      registry.subscribe(session, 'news');

      for (let i = 0; i < 5; i++) registry.remove(session);

      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
      expect(registry.size).toBe(0);
    });

    it('cleans the id, user and topic indexes', () => {
      const session = added();
      bind(registry, session, 'alice', 'ios');
      registry.subscribe(session, 'a');
      registry.subscribe(session, 'b');

      registry.remove(session);

      expect(registry.get(session.id)).toBeUndefined();
      expect([...registry.all()]).toStrictEqual([]);
      expect(registry.hasUser('alice')).toBe(false);
      expect(registry.ofUser('alice', 'ios')).toStrictEqual([]);
      expect(registry.subscribersOf('a').size).toBe(0);
      expect(registry.subscribersOf('b').size).toBe(0);
      expect(session.topics.size).toBe(0);
      // The session itself keeps its last identity, for `disconnected` listeners.
      expect(session.userId).toBe('alice');
      expect(session.platform).toBe('ios');
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });

    it('adds a session that comes back as anonymous', () => {
      const session = added();
      bind(registry, session, 'alice', 'ios');
      registry.remove(session);
      registry.add(session);
      expect(session.authenticated).toBe(false);
      expect(registry.counts()).toStrictEqual({ ...EMPTY_COUNTS, connections: 1, anonymous: 1 });
    });

    it('leaves other sessions of the same user and topic in place', () => {
      const a = added();
      const b = added();
      bind(registry, a, 'alice', 'web');
      bind(registry, b, 'alice', 'web');
      registry.subscribe(a, 'news');
      registry.subscribe(b, 'news');

      registry.remove(a);

      expect(registry.ofUser('alice')).toStrictEqual([b]);
      expect([...registry.subscribersOf('news')]).toStrictEqual([b]);
    });

    it('lets a removed session be registered again, anonymous and unsubscribed', () => {
      const session = added();
      bind(registry, session, 'alice');
      registry.subscribe(session, 'news');
      registry.remove(session);

      registry.add(session);

      expect(registry.get(session.id)).toBe(session);
      expect(registry.counts()).toStrictEqual({ ...EMPTY_COUNTS, connections: 1, anonymous: 1 });
      expect(registry.remove(session)).toBe(true);
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });
  });

  describe('subscribe and unsubscribe', () => {
    it('subscribe returns true once, then false for the duplicate', () => {
      const session = added();

      expect(registry.subscribe(session, 'news')).toBe(true);
      expect(registry.subscribe(session, 'news')).toBe(false);

      expect([...session.topics]).toStrictEqual(['news']);
      expect([...registry.subscribersOf('news')]).toStrictEqual([session]);
      expect(registry.counts()).toMatchObject({ topics: 1, subscriptions: 1 });
    });

    it('subscribe returns false for a session that is not registered', () => {
      const stranger = newSession();

      expect(registry.subscribe(stranger, 'news')).toBe(false);

      expect(stranger.topics.size).toBe(0);
      expect(registry.subscribersOf('news').size).toBe(0);
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });

    it('subscribe returns false for a session that was removed', () => {
      const session = added();
      registry.remove(session);

      expect(registry.subscribe(session, 'news')).toBe(false);
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });

    it('unsubscribe returns true once, then false', () => {
      const session = added();
      registry.subscribe(session, 'news');

      expect(registry.unsubscribe(session, 'news')).toBe(true);
      expect(registry.unsubscribe(session, 'news')).toBe(false);

      expect(session.topics.size).toBe(0);
      expect(registry.subscribersOf('news').size).toBe(0);
      expect(registry.counts()).toMatchObject({ topics: 0, subscriptions: 0 });
    });

    it('unsubscribe returns false for a topic never subscribed and for unregistered sessions', () => {
      const session = added();
      registry.subscribe(session, 'news');

      expect(registry.unsubscribe(session, 'sports')).toBe(false);
      expect(registry.unsubscribe(newSession(), 'news')).toBe(false);
      expect([...registry.subscribersOf('news')]).toStrictEqual([session]);
    });

    it('works for anonymous and logged-in sessions alike', () => {
      const anonymous = added();
      const member = added();
      bind(registry, member, 'alice');

      expect(registry.subscribe(anonymous, 'news')).toBe(true);
      expect(registry.subscribe(member, 'news')).toBe(true);
      expect(registry.subscribersOf('news').size).toBe(2);
    });

    it('keeps subscriptions across login, re-login and logout', () => {
      const session = added();
      registry.subscribe(session, 'news');

      bind(registry, session, 'alice');
      bind(registry, session, 'bob');
      registry.unbindUser(session);

      expect([...session.topics]).toStrictEqual(['news']);
      expect([...registry.subscribersOf('news')]).toStrictEqual([session]);
    });
  });

  describe('subscribersOf', () => {
    it('returns the sessions subscribed to a topic, and only those', () => {
      const a = added();
      const b = added();
      const c = added();
      registry.subscribe(a, 'news');
      registry.subscribe(b, 'news');
      registry.subscribe(c, 'sports');

      expect(new Set(registry.subscribersOf('news'))).toStrictEqual(new Set([a, b]));
      expect([...registry.subscribersOf('sports')]).toStrictEqual([c]);
      expect(registry.subscribersOf('nothing').size).toBe(0);
    });

    it('treats topics as exact strings', () => {
      const a = added();
      registry.subscribe(a, 'news');

      expect(registry.subscribersOf('News').size).toBe(0);
      expect(registry.subscribersOf('news ').size).toBe(0);
      expect(registry.subscribersOf('new').size).toBe(0);
    });

    it('returns an empty set for an unknown topic without creating it', () => {
      expect(registry.subscribersOf('ghost').size).toBe(0);
      expect(registry.counts().topics).toBe(0);
    });
  });

  describe('counts', () => {
    it('follows a sequence of logins, subscriptions and removals', () => {
      const a = added();
      const b = added();
      const c = added();
      bind(registry, a, 'alice', 'web');
      bind(registry, b, 'alice', 'ios');
      registry.subscribe(a, 'news');
      registry.subscribe(b, 'news');
      registry.subscribe(c, 'news');
      registry.subscribe(c, 'sports');

      expect(registry.counts()).toStrictEqual({
        connections: 3,
        authenticated: 2,
        anonymous: 1,
        users: 1,
        byPlatform: { web: 1, ios: 1 },
        sse: 0,
        topics: 2,
        subscriptions: 4,
      });

      bind(registry, c, 'bob', 'web');
      registry.remove(b);

      expect(registry.counts()).toStrictEqual({
        connections: 2,
        authenticated: 2,
        anonymous: 0,
        users: 2,
        byPlatform: { web: 2 },
        sse: 0,
        topics: 2,
        subscriptions: 3,
      });

      registry.unbindUser(a);
      registry.unsubscribe(c, 'sports');

      expect(registry.counts()).toStrictEqual({
        connections: 2,
        authenticated: 1,
        anonymous: 1,
        users: 1,
        byPlatform: { web: 1 },
        sse: 0,
        topics: 1,
        subscriptions: 2,
      });

      registry.remove(a);
      registry.remove(c);

      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });

    it('returns a fresh object each time', () => {
      const first = registry.counts();
      first.connections = 99;
      first.byPlatform.web = 99;

      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });
  });

  describe('a random sequence of 5000 operations', () => {
    interface Model {
      registered: boolean;
      userId?: string;
      platform?: string;
      topics: Set<string>;
    }

    const USERS = ['1', 'b_1', '_1', '1_', 'b', '11'];
    const PLATFORMS = ['web', 'ios', 'default'];
    const TOPICS = ['news', 'sports', 'news:1', 'b_1'];

    function expectedCounts(models: Map<JsonRpcSession, Model>): RegistryCounts {
      const live = [...models.values()].filter((m) => m.registered);
      const authed = live.filter((m) => m.userId !== undefined);
      const byPlatform: Record<string, number> = {};
      for (const m of authed) byPlatform[m.platform!] = (byPlatform[m.platform!] ?? 0) + 1;
      const topics = new Set(live.flatMap((m) => [...m.topics]));
      return {
        connections: live.length,
        authenticated: authed.length,
        anonymous: live.length - authed.length,
        users: new Set(authed.map((m) => m.userId)).size,
        byPlatform,
        // This model registers WebSocket sessions only.
        sse: 0,
        topics: topics.size,
        subscriptions: live.reduce((sum, m) => sum + m.topics.size, 0),
      };
    }

    /** Plain checks (not `expect`) in the hot loop: 5000 steps with deep matchers would be slow. */
    function check(ok: boolean, step: number, what: string): void {
      if (!ok) throw new Error(`step ${step}: ${what}`);
    }

    function sameMembers<T>(actual: Iterable<T>, expected: readonly T[]): boolean {
      const list = [...actual];
      const wanted = new Set(expected);
      return list.length === wanted.size && list.every((item) => wanted.has(item));
    }

    function expectMatchesModel(models: Map<JsonRpcSession, Model>, step: number): void {
      const counts = registry.counts();
      const expected = expectedCounts(models);
      check(
        JSON.stringify(sortKeys(counts)) === JSON.stringify(sortKeys(expected)),
        step,
        `counts ${JSON.stringify(counts)} != model ${JSON.stringify(expected)}`,
      );
      for (const value of [...Object.values(counts), ...Object.values(counts.byPlatform)]) {
        check(typeof value !== 'number' || value >= 0, step, `negative count`);
      }
      for (const count of Object.values(counts.byPlatform)) {
        check(count > 0, step, 'empty platform listed');
      }
      check(registry.size === expected.connections, step, 'size');
      check(
        sameMembers(
          registry.all(),
          [...models].filter(([, m]) => m.registered).map(([s]) => s),
        ),
        step,
        'all()',
      );

      for (const userId of USERS) {
        const all = [...models].filter(([, m]) => m.registered && m.userId === userId);
        check(registry.hasUser(userId) === all.length > 0, step, `hasUser(${userId})`);
        check(
          sameMembers(
            registry.ofUser(userId),
            all.map(([s]) => s),
          ),
          step,
          `ofUser(${userId})`,
        );
        for (const platform of PLATFORMS) {
          const some = all.filter(([, m]) => m.platform === platform).map(([s]) => s);
          check(
            sameMembers(registry.ofUser(userId, platform), some),
            step,
            `ofUser(${userId}, ${platform})`,
          );
        }
      }
      for (const topic of TOPICS) {
        const subscribers = [...models]
          .filter(([, m]) => m.registered && m.topics.has(topic))
          .map(([s]) => s);
        check(
          sameMembers(registry.subscribersOf(topic), subscribers),
          step,
          `subscribersOf(${topic})`,
        );
      }
      for (const [session, m] of models) {
        check(registry.get(session.id) === (m.registered ? session : undefined), step, 'get()');
        check(session.userId === m.userId && session.platform === m.platform, step, 'identity');
        check(sameMembers(session.topics, [...m.topics]), step, 'session.topics');
      }
    }

    function sortKeys(counts: RegistryCounts): unknown {
      return {
        ...counts,
        byPlatform: Object.fromEntries(
          Object.entries(counts.byPlatform).sort(([a], [b]) => a.localeCompare(b)),
        ),
      };
    }

    it.each([1, 42, 20240601])('matches a simple model at every step (seed %i)', (seed) => {
      const random = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const models = new Map<JsonRpcSession, Model>();
      const sessions: JsonRpcSession[] = [];
      /** What the run went through, so a too-tame sequence fails instead of passing vacuously. */
      const seen = { removals: 0, repeatedRemovals: 0, rebinds: 0, maxUsers: 0, maxTopics: 0 };

      for (let step = 0; step < 5000; step++) {
        const roll = random();
        if (sessions.length === 0 || (roll < 0.12 && sessions.length < 40)) {
          const session = newSession();
          sessions.push(session);
          models.set(session, { registered: false, topics: new Set() });
          registry.add(session);
          models.get(session)!.registered = true;
        } else {
          const session = pick(sessions);
          const m = models.get(session)!;
          if (roll < 0.2) {
            registry.add(session);
            // A session added again comes back anonymous; one already there is unchanged.
            if (!m.registered) m.userId = m.platform = undefined;
            m.registered = true;
          } else if (roll < 0.3) {
            check(registry.remove(session) === m.registered, step, 'remove()');
            seen[m.registered ? 'removals' : 'repeatedRemovals']++;
            m.registered = false;
            // Out of the indexes; the session keeps its last identity.
            m.topics.clear();
          } else if (roll < 0.55) {
            const userId = pick(USERS);
            const platform = pick(PLATFORMS);
            bind(registry, session, userId, platform);
            if (m.registered) {
              if (m.userId !== undefined) seen.rebinds++;
              m.userId = userId;
              m.platform = platform;
            }
          } else if (roll < 0.65) {
            registry.unbindUser(session);
            m.userId = undefined;
            m.platform = undefined;
          } else if (roll < 0.85) {
            const topic = pick(TOPICS);
            const expected = m.registered && !m.topics.has(topic);
            check(registry.subscribe(session, topic) === expected, step, 'subscribe()');
            if (expected) m.topics.add(topic);
          } else {
            const topic = pick(TOPICS);
            const expected = m.topics.has(topic);
            check(registry.unsubscribe(session, topic) === expected, step, 'unsubscribe()');
            m.topics.delete(topic);
          }
        }
        expectMatchesModel(models, step);
        const counts = registry.counts();
        seen.maxUsers = Math.max(seen.maxUsers, counts.users);
        seen.maxTopics = Math.max(seen.maxTopics, counts.topics);
      }

      expect(seen.removals).toBeGreaterThan(50);
      expect(seen.repeatedRemovals).toBeGreaterThan(50);
      expect(seen.rebinds).toBeGreaterThan(50);
      expect(seen.maxUsers).toBe(USERS.length);
      expect(seen.maxTopics).toBe(TOPICS.length);

      for (const session of sessions) registry.remove(session);
      expect(registry.counts()).toStrictEqual(EMPTY_COUNTS);
    });
  });
});
