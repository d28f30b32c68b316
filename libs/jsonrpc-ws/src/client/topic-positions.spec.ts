import type { RecoveredEvent } from './client-types';
import type { AnsweredStream, Publication } from './publication';
import { StreamRequest, TopicPositions } from './topic-positions';

const pub = (offset: number, epoch = 'e1', topic = 'room:a'): Publication => ({
  topic,
  offset,
  epoch,
  method: 'chat.message',
  params: { n: offset },
});

const stream = (
  offset: number,
  extra: Partial<AnsweredStream> = {},
  epoch = 'e1',
): AnsweredStream => ({ epoch, offset, publications: [], ...extra });

describe('TopicPositions', () => {
  let delivered: string[];
  let events: RecoveredEvent[];
  let recoveries: StreamRequest[];
  let positions: TopicPositions;

  beforeEach(() => {
    delivered = [];
    events = [];
    recoveries = [];
    positions = new TopicPositions({
      deliver: ({ topic, epoch, offset }) => delivered.push(`${topic}@${epoch}:${offset}`),
      recovered: (event) => events.push(event),
      recover: (request) => recoveries.push(request),
    });
  });

  /** Subscribes room:a and answers with the stream at `offset`. */
  function subscribed(offset: number, epoch = 'e1'): void {
    const request = positions.begin(['room:a'], 'subscribe');
    expect(request.since).toEqual({});
    positions.settle(request, {
      subscribed: ['room:a'],
      streams: { 'room:a': stream(offset, {}, epoch) },
    });
  }

  it('holds publications until the subscribe answer, then delivers only those after its position', () => {
    const request = positions.begin(['room:a'], 'subscribe');
    positions.publication(pub(3));
    positions.publication(pub(4));
    expect(delivered).toEqual([]);
    positions.settle(request, { subscribed: ['room:a'], streams: { 'room:a': stream(3) } });
    expect(delivered).toEqual(['room:a@e1:4']);
    expect(events).toEqual([]);
  });

  it('drops duplicates and delivers each next offset', () => {
    subscribed(0);
    for (const offset of [1, 2, 2, 1, 3]) positions.publication(pub(offset));
    expect(delivered).toEqual(['room:a@e1:1', 'room:a@e1:2', 'room:a@e1:3']);
    expect(recoveries).toEqual([]);
    expect(positions.position('room:a')).toEqual({ epoch: 'e1', offset: 3 });
  });

  it('recovers a gap at once: the recovered publications first, then the held ones that are newer', () => {
    subscribed(2);
    positions.publication(pub(5));
    expect(recoveries).toEqual([
      {
        serial: expect.any(Number),
        topics: ['room:a'],
        since: { 'room:a': { epoch: 'e1', offset: 2 } },
        cause: 'gap',
      },
    ]);
    positions.publication(pub(6));
    const recovered = stream(5, { recovered: true, publications: [pub(3), pub(4), pub(5)] });
    positions.settle(recoveries[0]!, { subscribed: ['room:a'], streams: { 'room:a': recovered } });
    expect(events).toEqual([{ topic: 'room:a', recovered: true, publications: 3, cause: 'gap' }]);
    expect(delivered).toEqual([3, 4, 5, 6].map((n) => `room:a@e1:${n}`));
  });

  it('takes a new epoch for a gap, and after recovered: false starts again from the stream', () => {
    subscribed(4);
    positions.publication(pub(1, 'e2'));
    positions.publication(pub(2, 'e2'));
    positions.publication(pub(3, 'e2'));
    expect(recoveries).toHaveLength(1);
    positions.settle(recoveries[0]!, {
      subscribed: ['room:a'],
      streams: { 'room:a': stream(2, { recovered: false }, 'e2') },
    });
    expect(events).toEqual([{ topic: 'room:a', recovered: false, publications: 0, cause: 'gap' }]);
    // Nothing partial: only what is newer than the stream's top the answer gave.
    expect(delivered).toEqual(['room:a@e2:3']);
  });

  it('never delivers a partial set, even when the answer claims recovered: true', () => {
    subscribed(2);
    positions.publication(pub(6));
    const holed = stream(6, { recovered: true, publications: [pub(3), pub(5), pub(6)] });
    positions.settle(recoveries[0]!, { subscribed: ['room:a'], streams: { 'room:a': holed } });
    expect(events[0]).toMatchObject({ recovered: false, publications: 0 });
    expect(delivered).toEqual([]);
    positions.publication(pub(7));
    expect(delivered).toEqual(['room:a@e1:7']);
  });

  it('after a lost connection drops what it held, and recovers from the last delivered position', () => {
    subscribed(0);
    positions.publication(pub(1));
    positions.publication(pub(3)); // a gap, whose recovery the lost connection cancels
    positions.publication(pub(4));
    positions.lost();
    positions.fail(recoveries[0]!, true);
    const request = positions.begin(['room:a'], 'reconnect');
    expect(request.since).toEqual({ 'room:a': { epoch: 'e1', offset: 1 } });
    positions.publication(pub(5));
    positions.settle(request, {
      subscribed: ['room:a'],
      streams: {
        'room:a': stream(4, { recovered: true, publications: [pub(2), pub(3), pub(4)] }),
      },
    });
    expect(events).toEqual([
      { topic: 'room:a', recovered: true, publications: 3, cause: 'reconnect' },
    ]);
    expect(delivered).toEqual([1, 2, 3, 4, 5].map((n) => `room:a@e1:${n}`));
  });

  it('reports recovered: false when a recovery is refused, and goes on from the next publication', () => {
    subscribed(1);
    positions.publication(pub(3));
    positions.publication(pub(4));
    positions.fail(recoveries[0]!, false);
    expect(events).toEqual([{ topic: 'room:a', recovered: false, publications: 0, cause: 'gap' }]);
    expect(delivered).toEqual(['room:a@e1:3', 'room:a@e1:4']);
  });

  it('reports recovered: false when the server no longer keeps the topic’s history', () => {
    subscribed(1);
    const request = positions.begin(['room:a'], 'reconnect');
    positions.settle(request, { subscribed: ['room:a'], streams: {} });
    expect(events).toEqual([
      { topic: 'room:a', recovered: false, publications: 0, cause: 'reconnect' },
    ]);
    // Untracked from now on: delivered as they come.
    positions.publication(pub(9));
    positions.publication(pub(9));
    expect(delivered).toEqual(['room:a@e1:9', 'room:a@e1:9']);
  });

  it('holds what follows a gap found among held publications, and recovers again', () => {
    const request = positions.begin(['room:a'], 'subscribe');
    positions.publication(pub(3));
    positions.publication(pub(5));
    positions.publication(pub(6));
    positions.settle(request, { subscribed: ['room:a'], streams: { 'room:a': stream(2) } });
    expect(delivered).toEqual(['room:a@e1:3']);
    expect(recoveries[0]!.since).toEqual({ 'room:a': { epoch: 'e1', offset: 3 } });
    positions.settle(recoveries[0]!, {
      subscribed: ['room:a'],
      streams: { 'room:a': stream(4, { recovered: true, publications: [pub(4)] }) },
    });
    expect(delivered).toEqual([3, 4, 5, 6].map((n) => `room:a@e1:${n}`));
  });

  it('takes what a superseded answer recovered as more publications, without repeats', () => {
    subscribed(1);
    const first = positions.begin(['room:a'], 'subscribe');
    const second = positions.begin(['room:a'], 'reconnect');
    positions.settle(second, {
      subscribed: ['room:a'],
      streams: { 'room:a': stream(2, { recovered: true, publications: [pub(2)] }) },
    });
    positions.settle(first, {
      subscribed: ['room:a'],
      streams: { 'room:a': stream(3, { recovered: true, publications: [pub(2), pub(3)] }) },
    });
    expect(delivered).toEqual(['room:a@e1:2', 'room:a@e1:3']);
    expect(events).toHaveLength(1);
  });

  it('forgets topics the server did not subscribe, and unsubscribed ones', () => {
    const request = positions.begin(['room:a', 'room:b'], 'subscribe');
    positions.settle(request, {
      subscribed: ['room:b'],
      streams: { 'room:b': stream(0) },
    });
    expect(positions.position('room:a')).toBeUndefined();
    expect(positions.position('room:b')).toEqual({ epoch: 'e1', offset: 0 });
    positions.forget(['room:b']);
    expect(positions.position('room:b')).toBeUndefined();
  });
});
