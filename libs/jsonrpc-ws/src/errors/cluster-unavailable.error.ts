import { ServiceUnavailableException } from '@nestjs/common';

/**
 * A question about other nodes (presence, kicks, cluster stats) while the
 * shared store is unreachable: it fails at once rather than answering for this
 * node only as if it were the whole cluster. An HTTP 503, so an RPC call that
 * lets it through answers -32053 and an admin API request 503, with this message.
 */
export class ClusterUnavailableError extends ServiceUnavailableException {
  constructor(what: string) {
    super(`The cluster's Redis is unreachable: ${what} cannot be answered now`);
    this.name = 'ClusterUnavailableError';
  }
}
