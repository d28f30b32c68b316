import type { Writable } from 'stream';
import { PreparedText } from './prepared-text';
import { textFrame, textFrameOf } from './ws-frame';

// ws's own frame parser: exported at runtime, absent from @types/ws.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Receiver } = require('ws') as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => Writable;
};

/** What `ws`'s own client-side parser reads out of `bytes`. */
function parse(bytes: Buffer): { text: string; binary: boolean }[] {
  const messages: { text: string; binary: boolean }[] = [];
  const receiver = new Receiver({ isServer: false, maxPayload: 0 });
  receiver.on('message', (data: Buffer, binary: boolean) =>
    messages.push({ text: data.toString(), binary }),
  );
  receiver.on('error', (error: Error) => {
    throw error;
  });
  receiver.write(bytes);
  return messages;
}

describe('WebSocket text frames', () => {
  // Every length class of RFC 6455 §5.2 and both sides of each boundary.
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])(
    'frames a %i-byte message the way ws reads it',
    (length) => {
      const text = 'a'.repeat(length);

      expect(parse(textFrame(text))).toStrictEqual([{ text, binary: false }]);
      expect(parse(textFrameOf(Buffer.from(text)))).toStrictEqual([{ text, binary: false }]);
    },
  );

  it('counts the length in UTF-8 bytes, not characters', () => {
    const text = JSON.stringify({ greeting: 'héllo €, 😀 — ok' }).repeat(9);

    expect(Buffer.byteLength(text)).toBeGreaterThan(text.length);
    expect(parse(textFrame(text))).toStrictEqual([{ text, binary: false }]);
  });

  it('sets FIN and the text opcode, and never masks', () => {
    const frame = textFrame('{}');

    expect([...frame]).toStrictEqual([0x81, 2, 0x7b, 0x7d]);
  });

  it('uses the 16-bit and 64-bit extended lengths', () => {
    expect([...textFrame('x'.repeat(300)).subarray(0, 4)]).toStrictEqual([0x81, 126, 1, 44]);
    expect([...textFrame('x'.repeat(70_000)).subarray(0, 10)]).toStrictEqual([
      0x81, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70,
    ]);
  });

  it('reads back frames written one after another as separate messages', () => {
    const bytes = Buffer.concat([textFrame('{"a":1}'), textFrame(''), textFrame('{"b":2}')]);

    expect(parse(bytes).map((m) => m.text)).toStrictEqual(['{"a":1}', '', '{"b":2}']);
  });
});

describe('PreparedText', () => {
  it.each([0, 125, 126, 65_536])(
    'from a %i-byte text: the frame, and its payload as a view',
    (n) => {
      const text = 'é'.repeat(n / 2) + 'a'.repeat(n % 2);
      const prepared = PreparedText.fromText(text);

      expect(prepared.frame).toStrictEqual(textFrame(text));
      expect(prepared.payload).toStrictEqual(Buffer.from(text));
      expect(prepared.payload.buffer).toBe(prepared.frame.buffer);
    },
  );

  it('frames its payload once and hands out the same buffer', () => {
    const prepared = new PreparedText(Buffer.from('{"jsonrpc":"2.0","method":"x"}'));

    expect(prepared.frame).toBe(prepared.frame);
    expect(prepared.frame).toStrictEqual(textFrame('{"jsonrpc":"2.0","method":"x"}'));
  });
});
