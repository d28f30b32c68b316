import { Injectable } from '@nestjs/common';
import { HubService, HubStats, RpcMethod } from 'nestjs-jsonrpc-ws';
import { Roles } from '../auth/roles.decorator';

/** Methods for users with the `admin` role (log in as "admin"). */
@Injectable()
@Roles('admin')
export class AdminRpc {
  constructor(private readonly hub: HubService) {}

  @RpcMethod('admin.stats')
  stats(): HubStats {
    return this.hub.stats();
  }
}
