import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore', () => {
  it('remembers an answer for the window, then forgets it', () => {
    const store = new IdempotencyStore(1000, 10);
    const result = Promise.resolve({ delivered: 1 });
    store.set('send:k', 'f1', result, 0);
    expect(store.get('send:k', 999)).toEqual({ fingerprint: 'f1', result, expiresAt: 1000 });
    expect(store.get('send:k', 1000)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('forgets the oldest keys past its cap, and a failed request on demand', () => {
    const store = new IdempotencyStore(60_000, 2);
    const results = [1, 2, 3].map((n) => Promise.resolve(n));
    results.forEach((result, i) => store.set(`k${i}`, 'f', result, i));
    expect(store.get('k0', 10)).toBeUndefined();
    expect(store.get('k1', 10)?.result).toBe(results[1]);
    store.forget('k2', results[0]!);
    expect(store.get('k2', 10)?.result).toBe(results[2]);
    store.forget('k2', results[2]!);
    expect(store.get('k2', 10)).toBeUndefined();
  });
});
