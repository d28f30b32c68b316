import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { NestApplicationOptions } from '@nestjs/common/interfaces/nest-application-options.interface';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AddressInfo } from 'net';

export interface RunningApp {
  app: INestApplication;
  port: number;
  /** ws://127.0.0.1:<port><path> */
  url(path?: string): string;
  /** http://127.0.0.1:<port><path> */
  http(path: string): string;
}

/** The HTTP platform an app runs on. */
export type Platform = 'express' | 'fastify';

/** The e2e project runs the suite on Express, the e2e-fastify project on Fastify. */
function defaultPlatform(): Platform {
  return process.env.E2E_PLATFORM === 'fastify' ? 'fastify' : 'express';
}

/** Apps started by this test file, closed after it even when a test failed midway. */
const started = new Set<INestApplication>();

export async function closeStartedApps(): Promise<void> {
  await Promise.all([...started].map((app) => app.close()));
  started.clear();
}

/** Starts a real Nest app on an ephemeral port. */
export async function startApp(
  metadata: ModuleMetadata,
  configure: (app: INestApplication) => void = () => undefined,
  options: NestApplicationOptions = { logger: false },
  platform: Platform = defaultPlatform(),
  /** A given port (to restart a server where its clients expect it); ephemeral by default. */
  listenPort = 0,
): Promise<RunningApp> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app =
    platform === 'fastify'
      ? moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), options)
      : moduleRef.createNestApplication(options);
  configure(app);
  started.add(app);
  const close = app.close.bind(app);
  app.close = () => {
    started.delete(app);
    return close();
  };
  await app.listen(listenPort, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    port,
    url: (path = '/ws') => `ws://127.0.0.1:${port}${path}`,
    http: (path) => `http://127.0.0.1:${port}${path}`,
  };
}
