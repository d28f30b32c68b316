import { RejectionCounter } from './rejection-counter';

describe('RejectionCounter', () => {
  it('reports the limit once reached within one window', () => {
    const counter = new RejectionCounter(3, 1000);
    expect([counter.add(0), counter.add(10), counter.add(999)]).toEqual([false, false, true]);
  });

  it('starts a new window after windowMs', () => {
    const counter = new RejectionCounter(3, 1000);
    counter.add(0);
    counter.add(500);
    expect(counter.add(1000)).toBe(false);
    expect(counter.add(1001)).toBe(false);
    expect(counter.add(1002)).toBe(true);
  });
});
