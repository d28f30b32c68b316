import { Injectable } from '@nestjs/common';
import { HubService, HubStats, RpcMethod } from 'nestjs-jsonrpc-ws';
import { Roles } from '../auth/roles.decorator';

/** Methods for users with the `admin` role (log in as "admin"). */
@Injectable()
@Roles('admin')
export class AdminRpc {
  constructor(private readonly hub: HubService) {}

  @RpcMethod('admin.stats', {
    summary: "The hub's counters (users with the admin role only)",
    tags: ['admin'],
    result: { schema: { type: 'object' } },
  })
  stats(): HubStats {
    return this.hub.stats();
  }
}
