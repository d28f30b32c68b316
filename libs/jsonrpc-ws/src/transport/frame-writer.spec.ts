import type { Duplex } from 'stream';
import type { WebSocket } from 'ws';
import { fakeSocket } from '../../../../test/support/fake-socket';
import { FrameWriter } from './frame-writer';
import { textFrame } from './ws-frame';

function fakeTransport() {
  return { write: vi.fn(), cork: vi.fn(), uncork: vi.fn(), writableLength: 0 };
}

describe('FrameWriter', () => {
  it('frames text itself and writes it to TCP when ws holds nothing back', () => {
    const socket = fakeSocket();
    const transport = fakeTransport();
    new FrameWriter(socket as unknown as WebSocket, transport as unknown as Duplex).write('{}');

    expect(transport.write).toHaveBeenCalledWith(textFrame('{}'));
    expect(socket.send).not.toHaveBeenCalled();
  });

  it('writes through ws when an extension (compression) was negotiated', () => {
    const socket = Object.assign(fakeSocket(), { extensions: 'permessage-deflate' });
    const transport = fakeTransport();
    new FrameWriter(socket as unknown as WebSocket, transport as unknown as Duplex).write('{}');

    expect(transport.write).not.toHaveBeenCalled();
    expect(socket.send).toHaveBeenCalledWith('{}', { binary: false });
  });

  it('writes through ws, after what it held, once ws queues messages', () => {
    const socket = Object.assign(fakeSocket(), { queuesMessages: false });
    const transport = fakeTransport();
    const writer = new FrameWriter(socket as unknown as WebSocket, transport as unknown as Duplex);
    writer.write('{"a":1}');
    writer.write('{"a":2}');
    expect(transport.cork).toHaveBeenCalledTimes(1);

    socket.queuesMessages = true;
    writer.write('{"a":3}');

    expect(transport.uncork).toHaveBeenCalledTimes(1);
    expect(transport.write).toHaveBeenCalledTimes(2);
    expect(socket.send).toHaveBeenCalledWith('{"a":3}', { binary: false });
  });
});
