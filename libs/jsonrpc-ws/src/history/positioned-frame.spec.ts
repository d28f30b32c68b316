import { notification } from '../protocol/jsonrpc.responses';
import { positionedText, recoveredPublication } from './positioned-frame';

describe('positionedText', () => {
  const position = { offset: 7, epoch: 'e"1' };

  it('wraps the notification in a publication carrying topic, offset and epoch', () => {
    const frame = JSON.stringify(notification('chat.message', { text: 'hi', n: [1] }));
    expect(JSON.parse(positionedText('room:"a"', position, frame))).toEqual({
      jsonrpc: '2.0',
      method: 'publication',
      params: {
        topic: 'room:"a"',
        offset: 7,
        epoch: 'e"1',
        method: 'chat.message',
        params: { text: 'hi', n: [1] },
      },
    });
  });

  it('leaves params out when the notification has none', () => {
    const frame = JSON.stringify(notification('ping'));
    expect(JSON.parse(positionedText('t', position, frame)).params).toEqual({
      topic: 't',
      offset: 7,
      epoch: 'e"1',
      method: 'ping',
    });
  });

  it('refuses text the hub did not serialise', () => {
    expect(() => positionedText('t', position, '{"method":"x"}')).toThrow();
  });
});

describe('recoveredPublication', () => {
  it('lists a stored publication as { offset, method, params }', () => {
    const frame = JSON.stringify(notification('chat.message', { n: 1 }));
    expect(recoveredPublication({ offset: 3, frame })).toEqual({
      offset: 3,
      method: 'chat.message',
      params: { n: 1 },
    });
    expect(recoveredPublication({ offset: 4, frame: JSON.stringify(notification('x')) })).toEqual({
      offset: 4,
      method: 'x',
    });
  });
});
