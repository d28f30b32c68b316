import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
  Type,
} from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import { isJsonRpcContext, JsonRpcError, JsonRpcWsModule, RpcMethod } from 'nestjs-jsonrpc-ws';
import { CapturingLogger } from './support/capturing-logger';
import { startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/** The catch-all filter of Nest's documentation ("Catch everything"), word for word. */
@Catch()
class CatchEverythingFilter implements ExceptionFilter {
  constructor(private readonly httpAdapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.httpAdapterHost;
    const ctx = host.switchToHttp();
    const httpStatus =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const responseBody = {
      statusCode: httpStatus,
      timestamp: new Date().toISOString(),
      path: httpAdapter.getRequestUrl(ctx.getRequest()),
    };
    httpAdapter.reply(ctx.getResponse(), responseBody, httpStatus);
  }
}

/** Written for HTTP: for anything else it returns without answering. */
@Catch()
class HttpOnlySilentFilter implements ExceptionFilter {
  constructor(private readonly httpAdapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    if (host.getType() !== 'http') return Promise.resolve();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    this.httpAdapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), { status }, status);
    return Promise.resolve();
  }
}

/** Knows RPC calls and answers them on purpose. */
@Catch()
class RpcAwareFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (isJsonRpcContext(host)) throw new JsonRpcError(-32042, 'Handled', { reason: 'Handled' });
    throw exception;
  }
}

@Injectable()
class FailingRpc {
  @RpcMethod('find')
  find(): never {
    throw new NotFoundException('No such order');
  }

  @RpcMethod('crash')
  crash(): never {
    throw new Error('db password=hunter2');
  }

  @RpcMethod('fine')
  fine(): string {
    return 'fine';
  }
}

@Controller('orders')
class OrdersController {
  @Get()
  find(): never {
    throw new NotFoundException('No such order');
  }
}

function appWith(filter: Type<ExceptionFilter>, logger: CapturingLogger) {
  return startApp(
    {
      imports: [JsonRpcWsModule.forRoot()],
      controllers: [OrdersController],
      providers: [FailingRpc, { provide: APP_FILTER, useClass: filter }],
    },
    undefined,
    { logger },
  );
}

function filterWarnings(logger: CapturingLogger, name: string) {
  return logger.at('warn').filter((line) => line.message.includes(`Exception filter ${name}`));
}

describe("Nest's documented catch-all filter as APP_FILTER", () => {
  it('leaves RPC errors to the library, warns once, and keeps answering HTTP', async () => {
    const logger = new CapturingLogger();
    const running = await appWith(CatchEverythingFilter, logger);
    const client = await TestClient.connect(running.url());

    for (let i = 0; i < 2; i++) {
      expect((await client.call('find')).error).toEqual({
        code: -32004,
        message: 'No such order',
        data: { reason: 'NotFound' },
      });
    }
    expect((await client.call('crash')).error).toEqual({
      code: -32603,
      message: 'Internal error',
      data: { reason: 'InternalError' },
    });
    expect((await client.call('fine')).result).toBe('fine');
    // Another failure of the same filter (params make it another TypeError) is not warned again.
    expect((await client.call('find', { x: 1 })).error.code).toBe(-32004);

    const warnings = filterWarnings(logger, 'CatchEverythingFilter');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      /Exception filter CatchEverythingFilter failed \(TypeError: .*\) for an RPC call.*if \(isJsonRpcContext\(host\)\) throw exception;/,
    );
    // The unexpected error is logged as Nest would have, once; the client's error is not.
    const errors = logger.at('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.context).toBe('ExceptionsHandler');
    expect(errors[0]!.message).toContain('db password=hunter2');

    const http = await fetch(running.http('/orders'));
    expect(http.status).toBe(404);
    expect(await http.json()).toEqual({
      statusCode: 404,
      timestamp: expect.any(String),
      path: '/orders',
    });
    await client.close();
    await running.app.close();
  });
});

describe('Other global filters', () => {
  it('falls back when an async filter answers nothing for an RPC call', async () => {
    const logger = new CapturingLogger();
    const running = await appWith(HttpOnlySilentFilter, logger);
    const client = await TestClient.connect(running.url());

    expect((await client.call('find')).error.code).toBe(-32004);
    expect((await client.call('find')).error.code).toBe(-32004);
    const warnings = filterWarnings(logger, 'HttpOnlySilentFilter');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('answered nothing for an RPC call');
    expect((await fetch(running.http('/orders'))).status).toBe(404);
    await client.close();
    await running.app.close();
  });

  it('lets a filter that knows RPC calls answer them, without a warning', async () => {
    const logger = new CapturingLogger();
    const running = await appWith(RpcAwareFilter, logger);
    const client = await TestClient.connect(running.url());

    expect((await client.call('find')).error).toEqual({
      code: -32042,
      message: 'Handled',
      data: { reason: 'Handled' },
    });
    expect(filterWarnings(logger, 'RpcAwareFilter')).toEqual([]);
    await client.close();
    await running.app.close();
  });
});
