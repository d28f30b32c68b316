import type { MockInstance } from 'vitest';
import { Logger } from '@nestjs/common';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { HubEvents } from './hub-events';

/** Listeners only receive the session; nothing here reads it. */
const session = { id: 'session-1' } as JsonRpcSession;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('HubEvents', () => {
  let events: HubEvents;
  let logError: MockInstance;

  beforeEach(() => {
    events = new HubEvents();
    logError = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    logError.mockRestore();
  });

  describe('on and emit', () => {
    it('calls each listener of the event with the event, in registration order', () => {
      const calls: string[] = [];
      const first = vi.fn(() => calls.push('first'));
      const second = vi.fn(() => calls.push('second'));
      events.on('connected', first);
      events.on('connected', second);

      events.emit('connected', { session });

      expect(first).toHaveBeenCalledWith({ session });
      expect(second).toHaveBeenCalledWith({ session });
      expect(calls).toStrictEqual(['first', 'second']);
    });

    it('passes the very event object', () => {
      const listener = vi.fn();
      events.on('disconnected', listener);
      const event = { session, reason: 'client' as const, code: 1000 };

      events.emit('disconnected', event);

      expect(listener.mock.calls[0]![0]).toBe(event);
    });

    it('calls only the listeners of the emitted event', () => {
      const connected = vi.fn();
      const subscribed = vi.fn();
      events.on('connected', connected);
      events.on('subscribed', subscribed);

      events.emit('subscribed', { session, topics: ['news'] });

      expect(connected).not.toHaveBeenCalled();
      expect(subscribed).toHaveBeenCalledWith({ session, topics: ['news'] });
    });

    it('does nothing for an event without listeners', () => {
      expect(() =>
        events.emit('authenticated', { session, userId: '1', platform: 'web' }),
      ).not.toThrow();
      expect(logError).not.toHaveBeenCalled();
    });

    it('calls a listener on every emit', () => {
      const listener = vi.fn();
      events.on('connected', listener);

      events.emit('connected', { session });
      events.emit('connected', { session });

      expect(listener).toHaveBeenCalledTimes(2);
    });
  });

  describe('unsubscribing', () => {
    it('on() returns a function that removes the listener', () => {
      const listener = vi.fn();
      const off = events.on('connected', listener);
      events.emit('connected', { session });

      off();
      events.emit('connected', { session });

      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('removes only that listener', () => {
      const kept = vi.fn();
      const removed = vi.fn();
      events.on('connected', kept);
      const off = events.on('connected', removed);

      off();
      events.emit('connected', { session });

      expect(kept).toHaveBeenCalledTimes(1);
      expect(removed).not.toHaveBeenCalled();
    });

    it('may be called more than once', () => {
      const listener = vi.fn();
      const off = events.on('connected', listener);

      off();
      expect(() => off()).not.toThrow();
      events.emit('connected', { session });

      expect(listener).not.toHaveBeenCalled();
    });

    it('lets a listener be registered again after removal', () => {
      const listener = vi.fn();
      events.on('connected', listener)();

      events.on('connected', listener);
      events.emit('connected', { session });

      expect(listener).toHaveBeenCalledTimes(1);
    });
  });

  describe('failing listeners', () => {
    it('contains a throwing listener: the others still run and emit does not throw', () => {
      const before = vi.fn();
      const after = vi.fn();
      events.on('connected', before);
      events.on('connected', () => {
        throw new Error('boom');
      });
      events.on('connected', after);

      expect(() => events.emit('connected', { session })).not.toThrow();

      expect(before).toHaveBeenCalledTimes(1);
      expect(after).toHaveBeenCalledTimes(1);
    });

    it('logs a thrown error with its stack', () => {
      const error = new Error('boom');
      events.on('connected', () => {
        throw error;
      });

      events.emit('connected', { session });

      expect(logError).toHaveBeenCalledTimes(1);
      expect(logError).toHaveBeenCalledWith('A "connected" listener failed', error.stack);
    });

    it('logs a thrown non-error as a string', () => {
      events.on('subscribed', () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- listeners may throw anything
        throw 'plain string';
      });

      events.emit('subscribed', { session, topics: [] });

      expect(logError).toHaveBeenCalledWith('A "subscribed" listener failed', 'plain string');
    });

    it('contains a rejecting async listener: the others still run and it is logged', async () => {
      const error = new Error('async boom');
      const after = vi.fn();
      events.on('disconnected', () => Promise.reject(error));
      events.on('disconnected', after);

      expect(() =>
        events.emit('disconnected', { session, reason: 'client', code: 1000 }),
      ).not.toThrow();
      expect(after).toHaveBeenCalledTimes(1);

      await events.settled();

      expect(logError).toHaveBeenCalledTimes(1);
      expect(logError).toHaveBeenCalledWith('A "disconnected" listener failed', error.stack);
    });

    it('contains an async listener that throws after an await', async () => {
      const other = vi.fn();
      events.on('connected', async () => {
        await delay(1);
        throw new Error('late');
      });
      events.on('connected', other);

      events.emit('connected', { session });
      await expect(events.settled()).resolves.toBeUndefined();

      expect(other).toHaveBeenCalledTimes(1);
      expect(logError).toHaveBeenCalledTimes(1);
    });

    it('keeps working after a failure', () => {
      const listener = vi.fn();
      events.on('connected', () => {
        throw new Error('boom');
      });
      events.on('connected', listener);

      events.emit('connected', { session });
      events.emit('connected', { session });

      expect(listener).toHaveBeenCalledTimes(2);
      expect(logError).toHaveBeenCalledTimes(2);
    });
  });

  describe('settled', () => {
    it('resolves at once with no async listener', async () => {
      events.on('connected', vi.fn());
      events.emit('connected', { session });

      await expect(events.settled()).resolves.toBeUndefined();
    });

    it('waits for async listeners to finish', async () => {
      const done: string[] = [];
      events.on('connected', async () => {
        await delay(30);
        done.push('slow');
      });
      events.on('connected', async () => {
        await delay(5);
        done.push('fast');
      });

      events.emit('connected', { session });
      expect(done).toStrictEqual([]);
      await events.settled();

      expect(done).toStrictEqual(['fast', 'slow']);
    });

    it('waits for async listeners started while it was waiting', async () => {
      const done: string[] = [];
      events.on('connected', async () => {
        await delay(5);
        done.push('connected');
        events.emit('subscribed', { session, topics: ['news'] });
      });
      events.on('subscribed', async () => {
        await delay(30);
        done.push('subscribed');
      });

      events.emit('connected', { session });
      await events.settled();

      expect(done).toStrictEqual(['connected', 'subscribed']);
    });

    it('waits for a listener emitted from outside while it was waiting', async () => {
      const done: string[] = [];
      events.on('connected', async () => {
        await delay(10);
        done.push('first');
      });
      events.emit('connected', { session });

      const settled = events.settled();
      await delay(1);
      events.on('authenticated', async () => {
        await delay(30);
        done.push('second');
      });
      events.emit('authenticated', { session, userId: '1', platform: 'web' });
      await settled;

      expect(done).toStrictEqual(['first', 'second']);
    });

    it('resolves, not rejects, when async listeners fail', async () => {
      events.on('connected', () => Promise.reject(new Error('nope')));
      events.emit('connected', { session });

      await expect(events.settled()).resolves.toBeUndefined();
    });

    it('forgets finished listeners, so a later call resolves without waiting', async () => {
      events.on('connected', () => delay(1));
      events.emit('connected', { session });
      await events.settled();

      let resolved = false;
      void events.settled().then(() => (resolved = true));
      await new Promise((resolve) => setImmediate(resolve));

      expect(resolved).toBe(true);
    });
  });
});
