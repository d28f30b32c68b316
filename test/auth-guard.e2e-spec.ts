import { Controller, ExecutionContext, Get, Injectable, UseGuards } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  JsonRpcSession,
  JsonRpcWsModule,
  Public,
  RpcAuthGuard,
  RpcMethod,
} from 'nestjs-jsonrpc-ws';
import { loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

@Public()
@Injectable()
class OpenRpc {
  @RpcMethod('open.ping')
  ping(): string {
    return 'open';
  }
}

@Injectable()
class MixedRpc {
  @Public()
  @RpcMethod('mixed.public')
  open(): string {
    return 'public';
  }

  @RpcMethod('mixed.private')
  closed(): string {
    return 'private';
  }
}

@Controller('health')
class HealthController {
  @Get()
  health(): { ok: true } {
    return { ok: true };
  }
}

/** Only users whose id starts with "admin" pass: a role check built on RpcAuthGuard. */
@Injectable()
class AdminOnlyGuard extends RpcAuthGuard {
  protected override authorize(session: JsonRpcSession, _context: ExecutionContext): boolean {
    return session.userId?.startsWith('admin') === true;
  }
}

@Injectable()
class GuardedPerMethodRpc {
  @UseGuards(AdminOnlyGuard)
  @RpcMethod('admin.only')
  adminOnly(): string {
    return 'admin';
  }

  @RpcMethod('anyone')
  anyone(): string {
    return 'anyone';
  }
}

const unauthorized = { code: -32001, message: 'Login required', data: { reason: 'Unauthorized' } };

describe('RpcAuthGuard', () => {
  describe('as a global guard, with @Public()', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp({
        imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken })],
        controllers: [HealthController],
        providers: [OpenRpc, MixedRpc, { provide: APP_GUARD, useClass: RpcAuthGuard }],
      });
    });
    afterAll(() => running.app.close());

    it('refuses a private method to an anonymous connection with -32001, serves it after login', async () => {
      const client = await TestClient.connect(running.url());
      expect((await client.call('mixed.private')).error).toEqual(unauthorized);
      expect((await client.call('subscribe', { topics: ['t'] })).error).toEqual(unauthorized);
      expect((await client.call('login', { token: 'ada' })).result.userId).toBe('ada');
      expect((await client.call('mixed.private')).result).toBe('private');
      expect((await client.call('subscribe', { topics: ['t'] })).result).toEqual({
        subscribed: ['t'],
      });
      await client.close();
    });

    it('lets anonymous callers reach @Public() classes, methods and the public built-ins', async () => {
      const client = await TestClient.connect(running.url());
      expect((await client.call('open.ping')).result).toBe('open');
      expect((await client.call('mixed.public')).result).toBe('public');
      expect((await client.call('heartbeat')).result.status).toBe('ok');
      expect((await client.call('logout')).result).toEqual({ loggedOut: true });
      await client.close();
    });

    it('leaves HTTP routes alone', async () => {
      const response = await fetch(running.http('/health'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
    });
  });

  describe('subclassed for roles, per method', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp({
        imports: [JsonRpcWsModule.forRoot({ verifyToken: verifyTestToken })],
        providers: [GuardedPerMethodRpc],
      });
    });
    afterAll(() => running.app.close());

    it('answers -32001 when anonymous and -32003 when logged in without the role', async () => {
      const anonymous = await TestClient.connect(running.url());
      expect((await anonymous.call('admin.only')).error).toEqual(unauthorized);
      expect((await anonymous.call('anyone')).result).toBe('anyone');

      const user = await loginClient(running, 'bob');
      expect((await user.call('admin.only')).error).toEqual({
        code: -32003,
        message: 'Forbidden',
        data: { reason: 'Forbidden' },
      });
      const admin = await loginClient(running, 'admin-ada');
      expect((await admin.call('admin.only')).result).toBe('admin');
      await Promise.all([anonymous.close(), user.close(), admin.close()]);
    });
  });
});
