import { createServer } from 'http';
import { AddressInfo } from 'net';
import { Server } from 'socket.io';
import { serveControl } from './control';

/** socket.io 4: echo by acknowledgement, fan-out to a room or to everyone. */
const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  socket.on('echo', (params: unknown, ack: (result: unknown) => void) => ack(params));
  socket.on('join', (room: string, ack: (joined: boolean) => void) => {
    void socket.join(room);
    ack(true);
  });
});

http.listen(0, '127.0.0.1', () => {
  serveControl((http.address() as AddressInfo).port, (mode, push) => {
    if (mode === 'room') io.to('bench').emit('bench', push);
    else io.emit('bench', push);
  });
});
