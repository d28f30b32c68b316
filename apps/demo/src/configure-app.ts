import { INestApplication, ValidationPipe } from '@nestjs/common';

/** Application-wide setup shared by `main.ts` and the e2e tests. */
export function configureApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true }));
  app.enableShutdownHooks();
  return app;
}
