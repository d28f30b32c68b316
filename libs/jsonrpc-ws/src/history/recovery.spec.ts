import { judgeRecovery } from './recovery';

const read = (offset: number, from: number, epoch = 'e') => ({
  epoch,
  offset,
  publications: Array.from({ length: Math.max(0, offset - from + 1) }, (_, i) => ({
    offset: from + i,
    frame: `f${from + i}`,
  })),
});

describe('judgeRecovery', () => {
  it('recovers every publication after the position, in order', () => {
    const result = judgeRecovery({ offset: 3, epoch: 'e' }, read(6, 4), 10);
    expect(result.recovered).toBe(true);
    expect(result.publications.map((p) => p.offset)).toEqual([4, 5, 6]);
  });

  it('recovers nothing, successfully, when nothing was missed', () => {
    expect(judgeRecovery({ offset: 6, epoch: 'e' }, read(6, 7), 10)).toEqual({
      recovered: true,
      epoch: 'e',
      offset: 6,
      publications: [],
    });
  });

  it.each([
    ['another epoch', { offset: 3, epoch: 'old' }, read(6, 4)],
    ['a history that no longer reaches back', { offset: 1, epoch: 'e' }, read(6, 4)],
    ['a position ahead of the stream', { offset: 9, epoch: 'e' }, read(6, 7)],
    ['more missing than maxRecovered', { offset: 0, epoch: 'e' }, read(12, 1)],
    [
      'a hole in the middle',
      { offset: 3, epoch: 'e' },
      { ...read(6, 4), publications: read(6, 4).publications.filter((p) => p.offset !== 5) },
    ],
  ])('refuses, with no publication, on %s', (_label, since, history) => {
    const result = judgeRecovery(since, history, 10);
    expect(result).toMatchObject({ recovered: false, publications: [] });
    expect(result.offset).toBe(history.offset);
  });
});
