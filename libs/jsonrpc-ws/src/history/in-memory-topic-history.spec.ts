import { InMemoryTopicHistory } from './in-memory-topic-history';

describe('InMemoryTopicHistory', () => {
  let now = 1_000_000;
  const history = () => new InMemoryTopicHistory(10_000, () => now);
  const policy = { size: 3, ttlMs: 1000 };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('numbers publications from 1 in one epoch and keeps the last `size`', async () => {
    const store = history();
    const first = await store.append('t', 'a', policy);
    for (const frame of ['b', 'c', 'd']) await store.append('t', frame, policy);
    const read = await store.read('t', 0, 10);
    expect(first.offset).toBe(1);
    expect(read).toEqual({
      epoch: first.epoch,
      offset: 4,
      publications: [
        { offset: 2, frame: 'b' },
        { offset: 3, frame: 'c' },
        { offset: 4, frame: 'd' },
      ],
    });
    expect((await store.read('t', 2, 1)).publications).toEqual([{ offset: 3, frame: 'c' }]);
    expect((await store.read('t', Infinity, 0)).publications).toEqual([]);
  });

  it('drops publications ttlMs after the last one, keeping epoch and offset until the meta TTL', async () => {
    const store = history();
    const { epoch } = await store.append('t', 'a', policy);
    now += 1001;
    expect(await store.read('t', 0, 10)).toEqual({ epoch, offset: 1, publications: [] });
    now += 10_000;
    const fresh = await store.read('t', 0, 10);
    expect(fresh.offset).toBe(0);
    expect(fresh.epoch).not.toBe(epoch);
  });

  it('starts a new epoch after a reset', async () => {
    const store = history();
    const { epoch } = await store.append('t', 'a', policy);
    await store.reset('t');
    const next = await store.append('t', 'b', policy);
    expect(next.offset).toBe(1);
    expect(next.epoch).not.toBe(epoch);
  });
});
