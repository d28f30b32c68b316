import { createAdapter } from '@socket.io/redis-adapter';
import { createServer } from 'http';
import { Redis } from 'ioredis';
import { AddressInfo } from 'net';
import { Server } from 'socket.io';
import { serveControl } from './control';

/**
 * One node of a socket.io 4 cluster on `@socket.io/redis-adapter` (Redis at
 * REDIS_URL, key prefix in argv[2]), as its documentation sets it up. Every
 * mode emits to the room `bench`: with one member, that is a push to a user.
 */
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const pub = new Redis(url);
const sub = pub.duplicate();
const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  adapter: createAdapter(pub, sub, { key: process.argv[2] ?? 'bench' }),
});

io.on('connection', (socket) => {
  socket.on('join', (room: string, ack: (joined: boolean) => void) => {
    void socket.join(room);
    ack(true);
  });
});

http.listen(0, '127.0.0.1', () => {
  serveControl((http.address() as AddressInfo).port, (_mode, push) => {
    io.to('bench').emit('bench', push);
  });
});
