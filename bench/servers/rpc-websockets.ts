import { AddressInfo } from 'net';
import { Server } from 'rpc-websockets';
import { serveControl } from './control';

/** rpc-websockets' Server with one `echo` method (RPC round trip only, no fan-out). */
const server = new Server({ host: '127.0.0.1', port: 0 });
server.register('echo', (params) => params);

server.on('listening', () => {
  serveControl((server.wss.address() as AddressInfo).port, () => {
    throw new Error('rpc-websockets is not part of the fan-out scenario');
  });
});
