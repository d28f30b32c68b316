import 'reflect-metadata';
import {
  CallHandler,
  DynamicModule,
  ExecutionContext,
  Injectable,
  Module,
  NestInterceptor,
  Provider,
  ValidationPipe,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { INestApplication } from '@nestjs/common';
import { IsNumber, IsString } from 'class-validator';
import {
  JsonRpcWsModule,
  RpcAuthGuard,
  RpcLoggingInterceptor,
  RpcMethod,
  RpcParams,
  RpcValidationPipe,
  JsonRpcWsModuleOptions,
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
  /**
   * A global interceptor: a no-op (`next.handle()`, what logging, tracing and timeout
   * interceptors cost at least) or `RpcLoggingInterceptor` at a level the logger does not print.
   */
  interceptor: false | 'no-op' | 'RpcLoggingInterceptor';
  /** Every call through Nest's own runner (`fastPipeline: false`), for comparison. */
  nestRunner?: boolean;
}

export const BARE: PipelineParts = {
  auth: false,
  rateLimit: false,
  validation: false,
  logCalls: false,
  interceptor: false,
};
export const PIPELINE: PipelineParts = {
  auth: true,
  rateLimit: true,
  validation: 'RpcValidationPipe',
  logCalls: true,
  interceptor: false,
};
/** What most Nest apps have: a global guard, a global interceptor, the rate limit and a DTO. */
export const REALISTIC: PipelineParts = {
  auth: true,
  rateLimit: true,
  validation: 'RpcValidationPipe',
  logCalls: false,
  interceptor: 'no-op',
};

/**
 * The topic `bench-history` keeps its last 100 publications for a minute (the
 * README's example policy); `bench`, the one the other scenarios publish to, none.
 */
export const BENCH_HISTORY: JsonRpcWsModuleOptions = {
  history: { topics: { 'bench-history': { size: 100, ttlMs: 60_000 } } },
};

/** The topic of a `topic` or `topic-history` publish mode. */
export function topicOf(mode: string): string {
  return mode === 'topic-history' ? 'bench-history' : 'bench';
}

/** The least an interceptor can do. */
@Injectable()
class NoopInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

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
  static register(parts: PipelineParts, extra: JsonRpcWsModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [EchoRpc];
    if (parts.auth) providers.push({ provide: APP_GUARD, useClass: RpcAuthGuard });
    if (parts.interceptor) {
      const useClass = parts.interceptor === 'no-op' ? NoopInterceptor : RpcLoggingInterceptor;
      providers.push({ provide: APP_INTERCEPTOR, useClass });
    }
    return {
      module: BenchModule,
      imports: [
        JsonRpcWsModule.forRoot({
          path: '/ws',
          rateLimit: parts.rateLimit ? { limit: 1_000_000 } : false,
          logCalls: parts.logCalls ? 'debug' : false,
          fastPipeline: !parts.nestRunner,
          anonymousTimeoutMs: 0,
          maxConnections: 0,
          allowedOrigins: '*',
          // Every token is valid and names its user: each bench client logs in as its own user.
          verifyToken: (token) => ({ userId: token }),
          ...extra,
        }),
      ],
      providers,
    };
  }
}

/** The benchmark's Nest app: an `echo` method behind the chosen parts of the pipeline. */
export async function createBenchApp(
  parts: PipelineParts,
  extra: JsonRpcWsModuleOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(BenchModule.register(parts, extra), { logger: ['error'] });
  const Pipe = parts.validation === 'ValidationPipe' ? ValidationPipe : RpcValidationPipe;
  if (parts.validation) app.useGlobalPipes(new Pipe({ transform: true, whitelist: true }));
  return app;
}
