import { Controller, Get, Inject, Res, Type } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { setHeader } from '../http/raw-http';
import { exposeMetrics } from './metrics-exposition';
import { METRICS_REGISTRY } from './metrics-registry';

/**
 * The Prometheus exposition at the configured path. A class per module
 * definition, so that two apps in one process can serve different paths.
 */
export function createMetricsController(path: string): Type<unknown> {
  @Controller()
  class JsonRpcWsMetricsController {
    constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

    @Get(path)
    scrape(@Res({ passthrough: true }) response: unknown): Promise<string> {
      setHeader(response, 'Content-Type', this.registry.contentType);
      return exposeMetrics(this.registry);
    }
  }
  return JsonRpcWsMetricsController;
}
