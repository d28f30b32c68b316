import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule));
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  Logger.log(`JSON-RPC over WebSocket at ws://localhost:${port}/ws`, 'Demo');
  Logger.log(
    `Chat page at http://localhost:${port}/, SSE at /sse, admin API at /api/v1/websocket`,
    'Demo',
  );
}

void bootstrap();
