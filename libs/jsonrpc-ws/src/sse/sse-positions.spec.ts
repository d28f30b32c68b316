import { decodeEventId } from './sse-event-id';
import { SsePositions } from './sse-positions';

describe('SsePositions', () => {
  it('orders publications against the last one given, and recovers one gap at a time', () => {
    const gaps: string[] = [];
    const positions = new SsePositions((topic, last) => gaps.push(`${topic}@${last.offset}`));
    positions.set('a', { epoch: 'e', offset: 3 });
    expect(positions.order('a', { epoch: 'e', offset: 4 })).toBe('next');
    expect(positions.order('a', { epoch: 'e', offset: 3 })).toBe('seen');
    expect(positions.order('a', { epoch: 'e', offset: 5 })).toBe('gap');
    expect(positions.order('a', { epoch: 'f', offset: 4 })).toBe('gap');
    positions.gap('a');
    positions.gap('a');
    expect(gaps).toEqual(['a@3']);
    positions.recovered('a');
    positions.gap('a');
    expect(gaps).toEqual(['a@3', 'a@3']);
  });

  it('gives an id that follows its positions', () => {
    const positions = new SsePositions(() => undefined);
    positions.set('a', { epoch: 'e', offset: 1 });
    const first = positions.id;
    expect(positions.id).toBe(first);
    positions.set('b', { epoch: 'f', offset: 0 });
    expect({ ...decodeEventId(positions.id) }).toEqual({
      a: { epoch: 'e', offset: 1 },
      b: { epoch: 'f', offset: 0 },
    });
  });
});
