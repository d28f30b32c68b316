import 'reflect-metadata';
import { Injectable, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { IsNumber, IsString } from 'class-validator';
import { AddressInfo } from 'net';
import {
  HubService,
  JsonRpcWsModule,
  RpcAuthGuard,
  RpcMethod,
  RpcParams,
} from '../../libs/jsonrpc-ws/src';
import { serveControl } from './control';

/**
 * This library in a Nest app. `bare`: nothing but the echo method (rate limit
 * off). `pipeline`: what a real app runs on every call — a global auth guard,
 * the rate limit (high enough never to refuse), a global ValidationPipe with a
 * DTO, and a log line per call (the dispatcher's `logCalls`) at a level the
 * logger does not print.
 */
const pipeline = process.argv[2] === 'pipeline';

class EchoDto {
  @IsString() text!: string;
  @IsNumber() n!: number;
}

@Injectable()
class EchoRpc {
  @RpcMethod('echo')
  echo(@RpcParams() params: EchoDto): EchoDto {
    return params;
  }
}

const pipelineProviders: Provider[] = [{ provide: APP_GUARD, useClass: RpcAuthGuard }];

@Module({
  imports: [
    JsonRpcWsModule.forRoot({
      path: '/ws',
      rateLimit: pipeline ? { limit: 1_000_000 } : false,
      logCalls: pipeline ? 'debug' : false,
      anonymousTimeoutMs: 0,
      maxConnections: 0,
      allowedOrigins: '*',
      // Every token is valid and names its user: each bench client logs in as its own user.
      verifyToken: (token) => ({ userId: token }),
    }),
  ],
  providers: [EchoRpc, ...(pipeline ? pipelineProviders : [])],
})
class BenchModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BenchModule, { logger: ['error'] });
  if (pipeline) app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true }));
  await app.listen(0, '127.0.0.1');
  const hub = app.get(HubService);
  serveControl((app.getHttpServer() as { address(): AddressInfo }).address().port, (mode, push) =>
    mode === 'topic'
      ? hub.pushToTopic('bench', 'bench', { ...push })
      : hub.broadcast('bench', { ...push }),
  );
}

void main();
