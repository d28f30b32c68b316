import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { ADMIN_API_OPTIONS, ResolvedAdminApiOptions } from './admin-api-options';

/** Says at startup whether the admin API is served, and if not, what turns it on. */
@Injectable()
export class AdminApiReport implements OnApplicationBootstrap {
  private readonly logger = new Logger('JsonRpcWs');

  constructor(
    @Inject(ADMIN_API_OPTIONS) private readonly admin: ResolvedAdminApiOptions,
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
  ) {}

  onApplicationBootstrap(): void {
    const { prefix, guard } = this.admin;
    if (guard) return this.logger.log(`Admin API at ${prefix}, behind ${guard.name}`);
    if (this.options.adminToken) return this.logger.log(`Admin API at ${prefix} (Bearer token)`);
    this.logger.warn(
      `Admin API at ${prefix} answers 404: set the adminToken option (or adminApi.guard) to turn it on`,
    );
  }
}
