import { AddressInfo } from 'net';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { FrameWriter } from '../../libs/jsonrpc-ws/src/transport/frame-writer';
import { PreparedText } from '../../libs/jsonrpc-ws/src/transport/prepared-text';
import { serveControl } from './control';

/**
 * The floor: a plain `ws` server doing the least a JSON-RPC echo and a fan-out can
 * do, given the write path the library uses (its own `FrameWriter`), so that the
 * comparison measures everything else. Each message is framed as one buffer and
 * written to the TCP socket, a push is framed once for every client, and a client's
 * writes after the first of a tick are corked until the tick ends: pipelined
 * replies and a burst of pushes leave in one system call per client, as they do in
 * the library.
 */
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const clients = new Map<WebSocket, FrameWriter>();

wss.on('connection', (ws, upgrade) => {
  const writer = new FrameWriter(ws, upgrade.socket);
  clients.set(ws, writer);
  ws.on('close', () => clients.delete(ws));
  ws.on('message', (data: RawData) => {
    const request = JSON.parse((data as Buffer).toString()) as { id: unknown; params: unknown };
    writer.write(JSON.stringify({ jsonrpc: '2.0', result: request.params, id: request.id }));
  });
});

wss.on('listening', () => {
  serveControl((wss.address() as AddressInfo).port, (_mode, push) => {
    // Serialised and framed once, the same frame written to every client.
    const message = PreparedText.fromText(
      JSON.stringify({ jsonrpc: '2.0', method: 'bench', params: push }),
    );
    for (const [ws, writer] of clients) {
      if (ws.readyState === WebSocket.OPEN) writer.write(message);
    }
  });
});
