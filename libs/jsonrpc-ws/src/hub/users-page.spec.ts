import { pageOf } from './users-page';

describe('pageOf', () => {
  const ids = () => ['b', 'a', 'd', 'c', 'e'];

  it('pages in code-point order with the last id as the cursor', () => {
    expect(pageOf(ids(), 2)).toEqual({ count: 5, users: ['a', 'b'], nextCursor: 'b' });
    expect(pageOf(ids(), 2, 'b')).toEqual({ count: 5, users: ['c', 'd'], nextCursor: 'd' });
    expect(pageOf(ids(), 2, 'd')).toEqual({ count: 5, users: ['e'], nextCursor: null });
    expect(pageOf(ids(), 5)).toEqual({
      count: 5,
      users: ['a', 'b', 'c', 'd', 'e'],
      nextCursor: null,
    });
    expect(pageOf([], 10)).toEqual({ count: 0, users: [], nextCursor: null });
  });

  it('neither repeats nor skips users still online when others come and go between pages', () => {
    const first = pageOf(['a', 'b', 'c', 'd'], 2);
    // "b" leaves and "aa" arrives (before the cursor), "bb" arrives after it.
    const second = pageOf(['a', 'aa', 'c', 'd', 'bb'], 2, first.nextCursor!);
    expect(second.users).toEqual(['bb', 'c']);
    const third = pageOf(['a', 'aa', 'c', 'd', 'bb'], 2, second.nextCursor!);
    expect(third).toEqual({ count: 5, users: ['d'], nextCursor: null });
  });

  it('takes a cursor that is no longer (or never was) an id', () => {
    expect(pageOf(ids(), 2, 'bz').users).toEqual(['c', 'd']);
    expect(pageOf(ids(), 2, 'zzz')).toEqual({ count: 5, users: [], nextCursor: null });
    // Code-point order, not locale order: "B" (66) sorts before "a" (97).
    expect(pageOf(['a', 'B', '1'], 3).users).toEqual(['1', 'B', 'a']);
  });
});
