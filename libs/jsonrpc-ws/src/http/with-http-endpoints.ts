import type { DynamicModule, Provider, Type } from '@nestjs/common';
import {
  ADMIN_API_OPTIONS,
  JsonRpcWsAdminApiOptions,
  resolveAdminApiOptions,
} from '../admin/admin-api-options';
import { createAdminApiController } from '../admin/admin-api.controller';
import { AdminApiReport } from '../admin/admin-api.report';
import { documentForSwagger } from '../admin/admin-api.swagger';
import { JsonRpcWsSseOptions, resolveSseOptions, SSE_OPTIONS } from '../sse/sse-options';
import { createSseController } from '../sse/sse.controller';
import { SseConnector } from '../sse/sse.connector';
import { SseRecovery } from '../sse/sse-recovery';

/**
 * Adds the admin HTTP API and the SSE route to the module definition when asked
 * for. Routes are fixed when the module is defined, so their paths are extras
 * (given to `forRootAsync()` beside the factory); the admin token is an option.
 */
export function withHttpEndpoints(
  definition: DynamicModule,
  adminApi: boolean | JsonRpcWsAdminApiOptions | undefined,
  sse: boolean | JsonRpcWsSseOptions | undefined,
): DynamicModule {
  const controllers: Type<unknown>[] = [];
  const providers: Provider[] = [];
  if (adminApi) {
    const options = resolveAdminApiOptions(adminApi);
    const controller = createAdminApiController(options.prefix, options.guard);
    documentForSwagger(controller);
    controllers.push(controller);
    providers.push({ provide: ADMIN_API_OPTIONS, useValue: options }, AdminApiReport);
  }
  if (sse) {
    const options = resolveSseOptions(sse);
    controllers.push(createSseController(options.path));
    providers.push({ provide: SSE_OPTIONS, useValue: options }, SseConnector, SseRecovery);
  }
  if (controllers.length === 0) return definition;
  return {
    ...definition,
    controllers: [...(definition.controllers ?? []), ...controllers],
    providers: [...(definition.providers ?? []), ...providers],
  };
}
