import { PreparedText } from '../transport/prepared-text';
import { sseEventOf, ssePushOf } from './sse-event';

describe('sseEventOf', () => {
  it('renders method and params as event and one data line', () => {
    const text = JSON.stringify({
      jsonrpc: '2.0',
      method: 'chat.message',
      params: { text: 'a\nb' },
    });
    expect(sseEventOf(text)).toBe('event: chat.message\ndata: {"text":"a\\nb"}\n\n');
    expect(sseEventOf(Buffer.from('{"jsonrpc":"2.0","method":"ping"}'))).toBe(
      'event: ping\ndata: null\n\n',
    );
  });

  it('keeps a line break in the method from starting another field', () => {
    const text = JSON.stringify({ jsonrpc: '2.0', method: 'a\r\ndata: forged', params: [] });
    expect(sseEventOf(text)).toBe('event: adata: forged\ndata: []\n\n');
  });

  it('renders a prepared push once, however many streams it goes to', () => {
    const message = PreparedText.fromText('{"jsonrpc":"2.0","method":"m","params":[1]}');
    const first = sseEventOf(message);
    expect(sseEventOf(message)).toBe(first);
    expect(first).toBe('event: m\ndata: [1]\n\n');
  });

  it('reads a positioned publication: its topic and position, and its own event', () => {
    const text =
      '{"jsonrpc":"2.0","method":"publication","params":{"topic":"room:a","offset":7,' +
      '"epoch":"3f2a9c1e","method":"chat.message","params":{"n":1}}}';
    expect(ssePushOf(text).publication).toEqual({
      topic: 'room:a',
      position: { epoch: '3f2a9c1e', offset: 7 },
      body: 'event: chat.message\ndata: {"n":1}\n\n',
    });
    // An app's own push named `publication` is an event like any other.
    const own = ssePushOf('{"jsonrpc":"2.0","method":"publication","params":{"topic":"x"}}');
    expect(own).toEqual({ body: 'event: publication\ndata: {"topic":"x"}\n\n' });
  });
});
