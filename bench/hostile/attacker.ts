import { WebSocket } from 'ws';
import { serve } from '../lib/worker';
import { open } from './open';

/**
 * The hostile client of `npm run bench:hostile`, in a process of its own so that
 * its work (sending, and reading what the server answers) does not run on the
 * neighbour's event loop. Commands: `flood` and `keyBombs`, each answering with
 * what became of the attack.
 */
export interface FloodArgs {
  url: string;
  requests: number;
  /** Log in with this token first (our servers, whose pipeline has an auth guard). */
  token?: string;
}

export interface KeyBombArgs {
  url: string;
  bombs: number;
  keys: number;
  token?: string;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sends `requests` as fast as the socket takes them; settles when all are answered, or it is closed. */
async function flood({ url, requests, token }: FloodArgs): Promise<string> {
  const socket = await open(url, token);
  let replies = 0;
  let errors = 0;
  const finished = new Promise<string>((resolve) => {
    socket.on('message', (data: Buffer) => {
      // The echo's params hold no such member: this is an error response.
      if (data.includes('"error":')) errors++;
      if (++replies === requests) resolve(`${requests} answered, ${errors} errors`);
    });
    socket.once('close', (code) => resolve(`closed ${code} after ${replies} replies`));
  });
  for (let sent = 0; sent < requests && socket.readyState === WebSocket.OPEN;) {
    for (const end = Math.min(requests, sent + 1000); sent < end; sent++) {
      socket.send(
        `{"jsonrpc":"2.0","method":"echo","params":{"text":"f","n":${sent}},"id":${sent}}`,
      );
    }
    await nextTurn();
  }
  const outcome = await Promise.race([
    finished,
    new Promise<string>((resolve) =>
      setTimeout(() => resolve(`${replies} answered in 60 s`), 60_000),
    ),
  ]);
  socket.terminate();
  return outcome;
}

/** Sends objects of `keys` keys as params, each once the previous is answered. */
async function keyBombs({ url, bombs, keys, token }: KeyBombArgs): Promise<string> {
  const bomb = `{${Array.from({ length: keys }, (_, i) => `"${i.toString(36)}":1`).join(',')}}`;
  const socket = await open(url, token);
  const outcomes: string[] = [];
  for (let i = 0; i < bombs && socket.readyState === WebSocket.OPEN; i++) {
    const reply = new Promise<string>((resolve) => {
      socket.once('message', (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as { error?: { code: number } };
        resolve(parsed.error ? String(parsed.error.code) : 'result');
      });
      socket.once('close', (code) => resolve(`closed ${code}`));
    });
    socket.send(`{"jsonrpc":"2.0","method":"echo","params":${bomb},"id":${i}}`);
    outcomes.push(await reply);
  }
  socket.terminate();
  return `${bombs} bombs: ${[...new Set(outcomes)].join(', ')}`;
}

serve({
  flood: (args) => flood(args as FloodArgs),
  keyBombs: (args) => keyBombs(args as KeyBombArgs),
});
