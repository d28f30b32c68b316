import { ConnectionIntake, MESSAGES_PER_TURN } from './connection-intake';
import type { JsonRpcSession } from '../session/jsonrpc-session';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function fakeSession() {
  return { isOpen: true, holdReading: vi.fn(), releaseReading: vi.fn() };
}

describe('ConnectionIntake', () => {
  it('runs a turn’s share at once and the rest in later turns, in order', async () => {
    const session = fakeSession();
    const handled: string[] = [];
    const intake = new ConnectionIntake(session as unknown as JsonRpcSession, (text) =>
      handled.push(text),
    );
    const messages = Array.from({ length: MESSAGES_PER_TURN * 2 + 5 }, (_, i) => `m${i}`);
    for (const message of messages) intake.accept(message);

    expect(handled).toEqual(messages.slice(0, MESSAGES_PER_TURN));
    expect(intake.waiting).toBe(MESSAGES_PER_TURN + 5);
    await nextTurn();
    expect(handled).toEqual(messages.slice(0, MESSAGES_PER_TURN * 2));
    await nextTurn();
    expect(handled).toEqual(messages);
    expect(intake.waiting).toBe(0);
  });

  it('stops reading past 256 waiting, and reads again once they have run', async () => {
    const session = fakeSession();
    const intake = new ConnectionIntake(session as unknown as JsonRpcSession, () => undefined);
    for (let i = 0; i < MESSAGES_PER_TURN + 256; i++) intake.accept('m');
    expect(session.holdReading).toHaveBeenCalledWith('fairness');
    while (intake.waiting > 0) await nextTurn();
    expect(session.releaseReading).toHaveBeenCalledWith('fairness');
  });

  it('drops what waits once the connection is ending, and lets its close be read', async () => {
    const session = fakeSession();
    const handled: string[] = [];
    const intake = new ConnectionIntake(session as unknown as JsonRpcSession, (text) =>
      handled.push(text),
    );
    for (let i = 0; i < MESSAGES_PER_TURN + 10; i++) intake.accept(`m${i}`);
    session.isOpen = false;
    await nextTurn();
    expect(handled).toHaveLength(MESSAGES_PER_TURN);
    expect(intake.waiting).toBe(0);
    expect(session.releaseReading).toHaveBeenCalledWith('fairness');
  });

  it('says when what it queued has all run, for shutdown to wait on', async () => {
    const session = fakeSession();
    const ranDry = vi.fn();
    const intake = new ConnectionIntake(
      session as unknown as JsonRpcSession,
      () => undefined,
      ranDry,
    );
    for (let i = 0; i < MESSAGES_PER_TURN * 2 + 1; i++) intake.accept('m');
    await nextTurn();
    expect(ranDry).not.toHaveBeenCalled();
    await nextTurn();
    expect(ranDry).toHaveBeenCalledTimes(1);
    expect(intake.waiting).toBe(0);
  });
});
