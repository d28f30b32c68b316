import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { IncomingMessage } from 'http';
import {
  JsonRpcWsModule,
  JsonRpcWsModuleOptions,
  RpcMethod,
  RpcUser,
  SessionIdentity,
} from 'nestjs-jsonrpc-ws';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Injectable()
class WhoAmIRpc {
  @RpcMethod('whoami')
  whoami(@RpcUser() user: unknown): unknown {
    return user ?? 'anonymous';
  }
}

/** Token in the query string decides the outcome, so one app covers every case. */
function authenticate(
  request: IncomingMessage,
): SessionIdentity | false | undefined | Promise<SessionIdentity> {
  const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token');
  switch (token) {
    case null:
      return undefined;
    case 'bad':
      return false;
    case 'banned':
      throw new ForbiddenException('Banned');
    case 'flood':
      throw new HttpException('Slow down', HttpStatus.TOO_MANY_REQUESTS);
    case 'busy':
      throw new ServiceUnavailableException();
    case 'crash':
      throw new Error('database is down');
    default:
      return Promise.resolve({ userId: token, user: { id: token } });
  }
}

async function start(options: JsonRpcWsModuleOptions): Promise<RunningApp> {
  return startApp({ imports: [JsonRpcWsModule.forRoot(options)], providers: [WhoAmIRpc] });
}

describe('HTTP upgrade', () => {
  describe('authentication hook', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await start({ authenticate });
    });
    afterAll(() => running.app.close());

    it('accepts an anonymous connection when the hook returns nothing', async () => {
      const client = await TestClient.connect(running.url());
      expect((await client.call('whoami')).result).toBe('anonymous');
      await client.close();
    });

    it('makes what the hook returns the session user', async () => {
      const client = await TestClient.connect(running.url('/ws?token=alice'));
      expect((await client.call('whoami')).result).toEqual({ id: 'alice' });
      await client.close();
    });

    it.each([
      ['bad', 401],
      ['banned', 403],
      ['flood', 429],
      ['busy', 503],
      ['crash', 500],
    ])('refuses token %s with HTTP %i before the 101', async (token, status) => {
      await expect(TestClient.connect(running.url(`/ws?token=${token}`))).rejects.toThrow(
        `Unexpected response ${status}`,
      );
    });

    it('answers 404 on another path', async () => {
      await expect(TestClient.connect(running.url('/other'))).rejects.toThrow(
        'Unexpected response 404',
      );
    });
  });

  describe('origin check', () => {
    it('by default lets same-origin and non-browser clients in, and refuses other origins', async () => {
      const running = await start({});
      const same = await TestClient.connect(running.url(), {
        origin: `http://127.0.0.1:${running.port}`,
      });
      const noOrigin = await TestClient.connect(running.url());
      await expect(
        TestClient.connect(running.url(), { origin: 'https://evil.example' }),
      ).rejects.toThrow('Unexpected response 403');
      await expect(TestClient.connect(running.url(), { origin: 'null' })).rejects.toThrow(
        'Unexpected response 403',
      );
      await same.close();
      await noOrigin.close();
      await running.app.close();
    });

    it('allows exactly the listed origins', async () => {
      const running = await start({ allowedOrigins: ['https://app.example.com'] });
      const allowed = await TestClient.connect(running.url(), {
        origin: 'https://app.example.com',
      });
      await expect(
        TestClient.connect(running.url(), { origin: `http://127.0.0.1:${running.port}` }),
      ).rejects.toThrow('Unexpected response 403');
      await allowed.close();
      await running.app.close();
    });

    it("allows any origin with '*'", async () => {
      const running = await start({ allowedOrigins: '*' });
      const client = await TestClient.connect(running.url(), {
        origin: 'https://anywhere.example',
      });
      await client.close();
      await running.app.close();
    });
  });
});
