import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HubEvents } from '../hub/hub-events';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit-store.interface';
import { connectionTracker } from './rpc-rate.limiter';

/** Drops a connection's buckets when it closes, so they cannot pile up. */
@Injectable()
export class RateLimitReleaser implements OnModuleInit {
  constructor(
    private readonly events: HubEvents,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {}

  onModuleInit(): void {
    this.events.on('disconnected', ({ session }) =>
      this.store.release(connectionTracker(session.id)),
    );
  }
}
