import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { rawResponseOf } from '../http/raw-http';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';

/**
 * Counts every admin API request with its final status and duration, refusals
 * included: it runs as the first guard and always lets the request through.
 */
@Injectable()
export class AdminRequestObserver implements CanActivate {
  constructor(private readonly instrumentation: RpcInstrumentation) {}

  canActivate(context: ExecutionContext): true {
    if (!this.instrumentation.enabled) return true;
    const started = process.hrtime.bigint();
    const endpoint = context.getHandler().name;
    const response = rawResponseOf(context.switchToHttp().getResponse());
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.instrumentation.sink.httpRequest(endpoint, response.statusCode, seconds);
    });
    return true;
  }
}
