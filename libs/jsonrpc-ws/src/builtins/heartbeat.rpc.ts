import { Injectable } from '@nestjs/common';
import { Public } from '../decorators/public.decorator';

/** `heartbeat`: lets clients that cannot see WebSocket pings (browsers) keep the session alive and measure latency. */
@Injectable()
export class HeartbeatRpc {
  @Public()
  heartbeat(): { status: 'ok'; serverTime: number } {
    return { status: 'ok', serverTime: Date.now() };
  }
}
