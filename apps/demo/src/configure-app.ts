import { INestApplication } from '@nestjs/common';
import { RpcValidationPipe } from 'nestjs-jsonrpc-ws';

/** Application-wide setup shared by `main.ts` and the e2e tests. */
export function configureApp(app: INestApplication): INestApplication {
  // ValidationPipe's options and errors, with valid params accepted without a promise.
  app.useGlobalPipes(new RpcValidationPipe({ transform: true, whitelist: true }));
  app.enableShutdownHooks();
  return app;
}
