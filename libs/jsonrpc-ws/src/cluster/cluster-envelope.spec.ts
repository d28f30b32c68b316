import {
  decodeMessage,
  encodeMessage,
  encodePublication,
  encodePush,
  publicationHead,
} from './cluster-envelope';

describe('cluster envelope', () => {
  it('carries a push frame as it is, line breaks and all', () => {
    const frame = '{"jsonrpc":"2.0","method":"m","params":{"text":"a\\nb"}}';
    const raw = Buffer.from(
      encodePush('node-1', { kind: 'user', userId: 'u\n1', platform: 'web' }, frame),
    );
    const message = decodeMessage(raw);
    expect(message).toMatchObject({
      kind: 'push',
      from: 'node-1',
      target: { kind: 'user', userId: 'u\n1', platform: 'web' },
    });
    expect(message?.kind === 'push' && message.frame.toString()).toBe(frame);
  });

  it('round-trips kicks and probes', () => {
    const kick = encodeMessage({
      kind: 'kick',
      from: 'n',
      target: { kind: 'connection', connectionId: 'c' },
      reason: 'bye\nnow',
    });
    expect(decodeMessage(Buffer.from(kick))).toEqual({
      kind: 'kick',
      from: 'n',
      target: { kind: 'connection', connectionId: 'c' },
      reason: 'bye\nnow',
    });
    expect(decodeMessage(Buffer.from(encodeMessage({ kind: 'probe', from: 'n' })))).toEqual({
      kind: 'probe',
      from: 'n',
    });
  });

  it('ignores what it does not understand', () => {
    for (const raw of ['', 'push', 'push\nn\n', 'other\nn\n{}\nx', 'push\nn\n{not json}\nx'])
      expect(decodeMessage(Buffer.from(raw))).toBeUndefined();
  });
});

describe('cluster envelope: publications', () => {
  it('carries topic, offset and epoch in its header, and the frame as it is', () => {
    const frame = '{"jsonrpc":"2.0","method":"m","params":{"text":"a\\nb"}}';
    const raw = encodePublication('node-1', 'room:\n"a"', { offset: 7, epoch: '3f2a' }, frame);
    expect(raw.startsWith(publicationHead('node-1', 'room:\n"a"'))).toBe(true);
    const message = decodeMessage(Buffer.from(raw));
    expect(message).toMatchObject({
      kind: 'pub',
      from: 'node-1',
      topic: 'room:\n"a"',
      position: { offset: 7, epoch: '3f2a' },
    });
    expect(message?.kind === 'pub' && message.frame.toString()).toBe(frame);
  });

  it('ignores a publication whose header lacks its position', () => {
    for (const header of [
      '{"topic":"t","offset":1}',
      '{"topic":"t","offset":1.5,"epoch":"e"}',
      'null',
    ])
      expect(decodeMessage(Buffer.from(`pub\nn\n${header}\nx`))).toBeUndefined();
  });
});
