import { AddressInfo } from 'net';
import type { Duplex } from 'stream';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { serveControl } from './control';

// ws's frame encoder: exported at runtime (socket.io uses it the same way), absent from @types/ws.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Sender } = require('ws') as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
};
const TEXT = { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: false };

/** The floor: a plain `ws` server doing the least a JSON-RPC echo and a fan-out can do. */
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
/** Each client's TCP socket, for writing a frame built once (compression is off: ws queues nothing). */
const tcp = new Map<WebSocket, Duplex>();

wss.on('connection', (ws, upgrade) => {
  tcp.set(ws, upgrade.socket);
  ws.on('close', () => tcp.delete(ws));
  ws.on('message', (data: RawData) => {
    const request = JSON.parse((data as Buffer).toString()) as { id: unknown; params: unknown };
    ws.send(JSON.stringify({ jsonrpc: '2.0', result: request.params, id: request.id }));
  });
});

wss.on('listening', () => {
  serveControl((wss.address() as AddressInfo).port, (_mode, push) => {
    // Serialised and framed once, the same Buffer written to every client.
    const payload = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'bench', params: push }));
    const frame = Buffer.concat(Sender.frame(payload, TEXT));
    for (const [client, socket] of tcp) {
      if (client.readyState === WebSocket.OPEN) socket.write(frame);
    }
  });
});
