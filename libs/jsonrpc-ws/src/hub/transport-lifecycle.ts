import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_TRANSPORT, HubTransport } from './hub-transport.interface';

/**
 * Starts the hub transport before the application listens (a cluster node
 * registers itself first), and stops it once shutdown has closed every
 * connection (the node leaves the cluster's presence at once).
 */
@Injectable()
export class TransportLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(HUB_TRANSPORT) private readonly transport: HubTransport) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.transport.start?.();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.stop?.();
  }
}
