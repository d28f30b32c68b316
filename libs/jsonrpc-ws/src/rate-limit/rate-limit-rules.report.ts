import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';

/**
 * Warns at startup about `rateLimit.methods` rules for methods nobody declares:
 * a typo there would leave the method on the default rule without a word.
 * (Methods are only known once every module has been explored.)
 */
@Injectable()
export class RateLimitRulesReport implements OnApplicationBootstrap {
  private readonly logger = new Logger('JsonRpcWs');

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    private readonly methods: RpcMethodRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const { rateLimit } = this.options;
    if (!rateLimit) return;
    const unknown = Object.keys(rateLimit.methods).filter((name) => !this.methods.get(name));
    if (unknown.length === 0) return;
    this.logger.warn(
      `rateLimit.methods names ${unknown.map((name) => `"${name}"`).join(', ')}, which no @RpcMethod() declares: check the spelling, or remove the rule`,
    );
  }
}
