import { WebSocket } from 'ws';

/** Opens a connection, logged in with the built-in `login` when given a token. */
export async function open(url: string, token?: string): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  if (token === undefined) return socket;
  const answered = new Promise<string>((resolve) =>
    socket.once('message', (data: Buffer) => resolve(data.toString())),
  );
  socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'login', params: { token }, id: 'login' }));
  const reply = JSON.parse(await answered) as { error?: { message: string } };
  if (reply.error) throw new Error(`login refused: ${reply.error.message}`);
  return socket;
}
