import { Injectable } from '@nestjs/common';
import { HubEventMap, HubService, JsonRpcWsModule, OnHubEvent } from 'nestjs-jsonrpc-ws';
import { eventually, loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { startApp } from './utils/test-app';

/**
 * What the README's hub examples rely on: pushes take interface- and
 * class-typed values (serialised as JSON), and `disconnected` listeners still
 * see who the session belonged to.
 */

interface Shipment {
  id: number;
  carrier: string;
}

class Order {
  constructor(
    readonly id: number,
    private readonly secret: string,
  ) {}

  /** JSON.stringify applies it: the push carries what it returns. */
  toJSON(): object {
    return { id: this.id, kind: 'order' };
  }
}

@Injectable()
class LastSeen {
  readonly seen: Array<{ userId?: string; platform?: string; user?: unknown; reason: string }> = [];

  @OnHubEvent('disconnected')
  offline({ session, reason }: HubEventMap['disconnected']): void {
    this.seen.push({
      userId: session.userId,
      platform: session.platform,
      user: session.user,
      reason,
    });
  }
}

describe('Hub types and events', () => {
  it('pushes interface- and class-typed values as JSON', async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken })],
    });
    const client = await loginClient(running, 'ada');
    const hub = running.app.get(HubService);
    const shipment: Shipment = { id: 1, carrier: 'post' };
    expect(await hub.pushToUser('ada', 'shipment', shipment)).toBe(1);
    expect(await hub.broadcast('order', new Order(7, 'hidden'))).toBe(1);
    expect(await hub.pushToUser('ada', 'list', [shipment])).toBe(1);
    expect((await client.next((m) => m.method === 'shipment')).params).toEqual(shipment);
    expect((await client.next((m) => m.method === 'order')).params).toEqual({
      id: 7,
      kind: 'order',
    });
    expect((await client.next((m) => m.method === 'list')).params).toEqual([shipment]);
    await client.close();
    await running.app.close();
  });

  it("lets disconnected listeners see the session's last user and platform", async () => {
    const running = await startApp({
      imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken })],
      providers: [LastSeen],
    });
    const client = await loginClient(running, 'bob', 'ios');
    await client.close();
    const hub = running.app.get(HubService);
    await eventually(() =>
      expect(running.app.get(LastSeen).seen).toEqual([
        {
          userId: 'bob',
          platform: 'ios',
          user: { userId: 'bob', platform: 'ios' },
          reason: 'client',
        },
      ]),
    );
    // Gone from every index all the same.
    expect(await hub.isOnline('bob')).toBe(false);
    expect(hub.stats()).toMatchObject({ connections: 0, authenticated: 0, users: 0 });
    await running.app.close();
  });
});
