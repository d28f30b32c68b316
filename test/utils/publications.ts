import { TestClient } from './test-client';

/** The next `count` publications a positioned subscriber receives, as [offset, params.n]. */
export async function received(
  client: TestClient,
  count: number,
): Promise<Array<[number, number]>> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const { params } = await client.next((m) => m.method === 'publication');
    out.push([params.offset, params.params.n]);
  }
  return out;
}

/** Cuts the connection as a lost network does: no close frame, the server sees 1006. */
export async function cut(client: TestClient): Promise<void> {
  client.socket.terminate();
  await client.closed;
}
