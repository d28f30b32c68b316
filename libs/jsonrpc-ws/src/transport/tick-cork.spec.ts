import { currentTick, uncorkAtTickEnd } from './tick-cork';

const tickEnd = () => new Promise((resolve) => process.nextTick(resolve));

describe('tick corks', () => {
  it('numbers ticks: the same number until the code running now has finished', async () => {
    const first = currentTick();
    expect(currentTick()).toBe(first);
    await Promise.resolve();
    expect(currentTick()).toBe(first);
    await tickEnd();
    expect(currentTick()).toBeGreaterThan(first);
  });

  it('ends a tick started in a callback of the event loop before its promise continuations run', async () => {
    // Node runs process.nextTick callbacks before promise jobs when a callback of the event
    // loop (an I/O read, a timer, setImmediate) returns: writes made synchronously there share
    // a tick; a write made by an `await` continuation of that callback starts the next one.
    const ticks = await new Promise<number[]>((resolve) =>
      setImmediate(() => {
        const seen = [currentTick(), currentTick()];
        void Promise.resolve().then(() => resolve([...seen, currentTick()]));
      }),
    );
    expect(ticks[1]).toBe(ticks[0]);
    expect(ticks[2]).toBeGreaterThan(ticks[0]!);
  });

  it('keeps a tick started in a promise continuation open for the continuations it queues', async () => {
    const ticks = await new Promise<number[]>((resolve) =>
      setImmediate(() => {
        void Promise.resolve().then(() => {
          const first = currentTick();
          void Promise.resolve().then(() => resolve([first, currentTick()]));
        });
      }),
    );
    expect(ticks[1]).toBe(ticks[0]);
  });

  it('uncorks every connection held in a tick, once, when it ends', async () => {
    const connections = [1, 2, 3].map(() => ({ uncorkWrites: vi.fn() }));
    for (const connection of connections) uncorkAtTickEnd(connection);

    for (const connection of connections) expect(connection.uncorkWrites).not.toHaveBeenCalled();
    await tickEnd();
    for (const connection of connections) expect(connection.uncorkWrites).toHaveBeenCalledTimes(1);
    await tickEnd();
    for (const connection of connections) expect(connection.uncorkWrites).toHaveBeenCalledTimes(1);
  });

  it('still uncorks the others when one of them throws', async () => {
    const broken = {
      uncorkWrites: vi.fn(() => {
        throw new Error('socket gone');
      }),
    };
    const healthy = { uncorkWrites: vi.fn() };
    uncorkAtTickEnd(broken);
    uncorkAtTickEnd(healthy);

    await tickEnd();
    expect(broken.uncorkWrites).toHaveBeenCalledTimes(1);
    expect(healthy.uncorkWrites).toHaveBeenCalledTimes(1);
  });

  it('uncorks, once, a connection held while uncorking others', async () => {
    const late = { uncorkWrites: vi.fn() };
    const first = { uncorkWrites: vi.fn(() => uncorkAtTickEnd(late)) };
    uncorkAtTickEnd(first);

    await tickEnd();
    await tickEnd();
    expect(first.uncorkWrites).toHaveBeenCalledTimes(1);
    expect(late.uncorkWrites).toHaveBeenCalledTimes(1);
  });
});
