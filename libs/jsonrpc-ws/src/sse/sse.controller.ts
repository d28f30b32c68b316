import { Controller, Get, Req, Res, Type } from '@nestjs/common';
import { rawExchangeOf } from '../http/raw-http';
import { SseConnector } from './sse.connector';

/**
 * The SSE route, at the configured path. A class per module definition, so that
 * two apps in one process can serve different paths.
 */
export function createSseController(path: string): Type<unknown> {
  @Controller()
  class JsonRpcWsSseController {
    constructor(private readonly connector: SseConnector) {}

    @Get(path)
    async stream(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      const exchange = rawExchangeOf(request, response);
      await this.connector.connect(exchange.request, exchange.response, exchange.takeOver);
    }
  }
  return JsonRpcWsSseController;
}
