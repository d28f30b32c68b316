import {
  CallHandler,
  CanActivate,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseGuards,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ConnectedSocket, MessageBody, WsException } from '@nestjs/websockets';
import { JsonRpcWsModule, RpcMethod } from 'nestjs-jsonrpc-ws';
import { WebSocket } from 'ws';
import { CapturingLogger } from './support/capturing-logger';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** A guard written for a Nest gateway: it reads the client and the data through switchToWs(). */
@Injectable()
class RoomGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const ws = context.switchToWs();
    const client = ws.getClient<WebSocket>();
    const data = ws.getData<{ room?: string }>();
    if (!(client instanceof WebSocket)) throw new Error('getClient() is not the ws socket');
    if (data?.room === 'locked') throw new WsException('Room is locked');
    if (data?.room === 'vip') {
      throw new WsException({ code: -32040, message: 'VIP only', data: { tier: 'gold' } });
    }
    return true;
  }
}

@Injectable()
class RoomRpc {
  @RpcMethod('room.full')
  full(): never {
    throw new WsException('Room is full');
  }

  @RpcMethod('room.coded')
  coded(): never {
    throw new WsException({ code: -32010, message: 'Room is full', data: { capacity: 50 } });
  }

  @RpcMethod('room.fielded')
  fielded(): never {
    throw new WsException({ message: 'Name taken', field: 'name' });
  }

  @UseGuards(RoomGuard)
  @RpcMethod('room.join')
  join(@MessageBody('room') room: string, @ConnectedSocket() socket: WebSocket): object {
    return { room, socketIsWs: socket instanceof WebSocket };
  }

  @RpcMethod('room.body')
  body(@MessageBody() body: unknown): unknown {
    return body;
  }
}

@Injectable()
class PassInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle();
  }
}

describe.each([
  ['without interceptors (fast path)', false],
  ["with a global interceptor (Nest's runner)", true],
])('Nest WebSocket conventions on RPC handlers, %s', (_name, intercepted) => {
  let running: RunningApp;
  let client: TestClient;
  let logger: CapturingLogger;

  beforeAll(async () => {
    logger = new CapturingLogger();
    running = await startApp(
      {
        imports: [JsonRpcWsModule.forRoot({ anonymousTimeoutMs: 0 })],
        providers: [
          RoomRpc,
          RoomGuard,
          ...(intercepted ? [{ provide: APP_INTERCEPTOR, useClass: PassInterceptor }] : []),
        ],
      },
      undefined,
      { logger },
    );
  });

  beforeEach(async () => {
    client = await TestClient.connect(running.url());
    logger.lines.length = 0;
  });

  afterEach(() => client.close());
  afterAll(() => running.app.close());

  it('answers a WsException with a string as -32000 and that message', async () => {
    const reply = await client.call('room.full');
    expect(reply.error).toEqual({
      code: -32000,
      message: 'Room is full',
      data: { reason: 'ServerError' },
    });
  });

  it('answers a WsException with { code, message, data } as that error', async () => {
    const reply = await client.call('room.coded');
    expect(reply.error).toEqual({ code: -32010, message: 'Room is full', data: { capacity: 50 } });
  });

  it('keeps the other fields of an object without a code in data', async () => {
    const reply = await client.call('room.fielded');
    expect(reply.error).toEqual({
      code: -32000,
      message: 'Name taken',
      data: { reason: 'ServerError', field: 'name' },
    });
  });

  it('maps a WsException thrown by a gateway-style guard', async () => {
    expect((await client.call('room.join', { room: 'locked' })).error).toEqual({
      code: -32000,
      message: 'Room is locked',
      data: { reason: 'ServerError' },
    });
    expect((await client.call('room.join', { room: 'vip' })).error).toEqual({
      code: -32040,
      message: 'VIP only',
      data: { tier: 'gold' },
    });
  });

  it('logs no error for any of them', async () => {
    await client.call('room.full');
    await client.call('room.coded');
    await client.call('room.join', { room: 'locked' });
    expect(logger.at('error')).toEqual([]);
  });

  it('fills @MessageBody() and @ConnectedSocket() as on a gateway', async () => {
    expect((await client.call('room.join', { room: 'lobby' })).result).toEqual({
      room: 'lobby',
      socketIsWs: true,
    });
    expect((await client.call('room.body', { a: 1 })).result).toEqual({ a: 1 });
    expect((await client.call('room.body', [1, 2])).result).toEqual([1, 2]);
  });
});
