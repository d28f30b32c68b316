import { decodeEventId, encodeEventId, eventIdsFit, MAX_EVENT_ID_LENGTH } from './sse-event-id';

const positions = (entries: Array<[string, string, number]>) =>
  new Map(entries.map(([topic, epoch, offset]) => [topic, { epoch, offset }]));

describe('SSE event ids', () => {
  it('round-trips every topic position, in base64url, whatever the topic name', () => {
    const given = positions([
      ['room:a', '3f2a9c1e', 7],
      ['a/b c,d', 'e', 0],
      ['constructor', 'x', 1],
    ]);
    const id = encodeEventId(given);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    const read = decodeEventId(id)!;
    expect({ ...read }).toEqual(Object.fromEntries(given));
    expect(Object.getPrototypeOf(read)).toBeNull();
  });

  it('reads nothing from what it did not write', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const id of [
      undefined,
      '',
      '12',
      'a.b',
      'x'.repeat(MAX_EVENT_ID_LENGTH + 1),
      encode(null),
      encode(['e', 1]),
      encode({ t: ['e'] }),
      encode({ t: ['e', -1] }),
      encode({ t: ['e', 2 ** 53] }),
      encode({ t: ['', 1] }),
      encode({ t: [1, 1] }),
      encode({ '': ['e', 1] }),
      Buffer.from('{"t":["e",1]').toString('base64url'),
    ]) {
      expect({ id, read: decodeEventId(id) }).toEqual({ id, read: undefined });
    }
  });

  it('tells whether positions can be read back at any offset', () => {
    expect(eventIdsFit(positions([['room:a', '3f2a9c1e', 0]]))).toBe(true);
    const many = Array.from({ length: 100 }, (_, i): [string, string, number] => [
      `room:${i}`.padEnd(40, '-'),
      '3f2a9c1e',
      0,
    ]);
    expect(eventIdsFit(positions(many))).toBe(false);
    expect(eventIdsFit(positions([['t'.repeat(201), 'e', 0]]))).toBe(false);
  });
});
