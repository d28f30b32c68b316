import 'reflect-metadata';
import { DynamicModule, Injectable, Module, Provider, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { IsNumber, IsString } from 'class-validator';
import {
  JsonRpcWsModule,
  RpcAuthGuard,
  RpcMethod,
  RpcParams,
  RpcValidationPipe,
} from '../../libs/jsonrpc-ws/src';

/** Which parts of a realistic pipeline the benchmark app runs on every call. */
export interface PipelineParts {
  /** A global `RpcAuthGuard`: callers must be logged in. */
  auth: boolean;
  /** The rate limit, high enough never to refuse. */
  rateLimit: boolean;
  /** A global validation pipe checking a DTO: this library's `RpcValidationPipe` or Nest's `ValidationPipe`. */
  validation: false | 'RpcValidationPipe' | 'ValidationPipe';
  /** A log line per call (`logCalls`) at a level the logger does not print. */
  logCalls: boolean;
}

export const BARE: PipelineParts = {
  auth: false,
  rateLimit: false,
  validation: false,
  logCalls: false,
};
export const PIPELINE: PipelineParts = {
  auth: true,
  rateLimit: true,
  validation: 'RpcValidationPipe',
  logCalls: true,
};

export class EchoDto {
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

@Module({})
class BenchModule {
  static register(parts: PipelineParts): DynamicModule {
    const providers: Provider[] = [EchoRpc];
    if (parts.auth) providers.push({ provide: APP_GUARD, useClass: RpcAuthGuard });
    return {
      module: BenchModule,
      imports: [
        JsonRpcWsModule.forRoot({
          path: '/ws',
          rateLimit: parts.rateLimit ? { limit: 1_000_000 } : false,
          logCalls: parts.logCalls ? 'debug' : false,
          anonymousTimeoutMs: 0,
          maxConnections: 0,
          allowedOrigins: '*',
          // Every token is valid and names its user: each bench client logs in as its own user.
          verifyToken: (token) => ({ userId: token }),
        }),
      ],
      providers,
    };
  }
}

/** The benchmark's Nest app: an `echo` method behind the chosen parts of the pipeline. */
export async function createBenchApp(parts: PipelineParts): Promise<INestApplication> {
  const app = await NestFactory.create(BenchModule.register(parts), { logger: ['error'] });
  const Pipe = parts.validation === 'ValidationPipe' ? ValidationPipe : RpcValidationPipe;
  if (parts.validation) app.useGlobalPipes(new Pipe({ transform: true, whitelist: true }));
  return app;
}
