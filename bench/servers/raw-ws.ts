import { AddressInfo } from 'net';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { serveControl } from './control';

/** The floor: a plain `ws` server doing the least a JSON-RPC echo can do. */
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

wss.on('connection', (ws) => {
  ws.on('message', (data: RawData) => {
    const request = JSON.parse((data as Buffer).toString()) as { id: unknown; params: unknown };
    ws.send(JSON.stringify({ jsonrpc: '2.0', result: request.params, id: request.id }));
  });
});

wss.on('listening', () => {
  serveControl((wss.address() as AddressInfo).port, (_mode, push) => {
    // Serialised and encoded once, the same Buffer written to every client.
    const frame = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'bench', params: push }));
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(frame, { binary: false });
    }
  });
});
