import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { JsonRpcWsModule, RpcLoggingInterceptor } from 'nestjs-jsonrpc-ws';
import { AdminRpc } from './admin/admin.rpc';
import { demoAdminToken } from './admin-token';
import { AuthRpc } from './auth/auth.rpc';
import { DemoAuthModule } from './auth/demo-auth.module';
import { DemoTokenService } from './auth/demo-token.service';
import { RolesGuard } from './auth/roles.guard';
import { ChatPresence } from './chat/chat-presence.service';
import { ChatMessageDto } from './chat/chat-send.dto';
import { ChatRpc, ROOM_MEMBERS } from './chat/chat.rpc';
import { WebController } from './web/web.controller';
import { EchoRpc } from './rpc/echo.rpc';
import { SpecExamplesRpc } from './rpc/spec-examples.rpc';

function redisUrl(config: ConfigService) {
  const url = config.get<string>('REDIS_URL');
  return url ? { redis: { url } } : undefined;
}

@Module({
  controllers: [WebController],
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    DemoAuthModule,
    JsonRpcWsModule.forRootAsync({
      // Prometheus exposition at /metrics on the HTTP port.
      metrics: true,
      // The admin HTTP API at /api/v1/websocket (Bearer ADMIN_TOKEN), and SSE at /sse.
      adminApi: true,
      sse: true,
      imports: [DemoAuthModule],
      inject: [ConfigService, DemoTokenService],
      useFactory: (config: ConfigService, tokens: DemoTokenService) => ({
        path: config.get<string>('WS_PATH', '/ws'),
        allowedOrigins: config.get<string>('WS_ALLOWED_ORIGINS')?.split(',') ?? 'same-origin',
        // The built-in `login { token }` accepts the tokens `auth.login` hands out.
        verifyToken: (token: string) => tokens.verify(token),
        adminToken: demoAdminToken(config),
        // Several demo nodes as one when REDIS_URL is set (see the README's Cluster section).
        cluster: redisUrl(config),
        // Chat rooms only.
        authorizeTopic: (_session, topic) => topic.startsWith('room:'),
        // Each room keeps its last 100 messages for 10 minutes: a page that reconnects
        // (the client sends where it was) gets the ones it missed, before newer ones.
        history: { topics: { 'room:*': { size: 100, ttlMs: 600_000 } } },
        // What rpc.discover (and the /api page) says beyond the methods.
        openrpc: {
          info: { title: 'nestjs-jsonrpc-ws demo', version: '1.0.0' },
          notifications: [
            { name: 'chat.message', params: ChatMessageDto, summary: 'A message sent to a room' },
            {
              name: 'chat.presence',
              params: { schema: ROOM_MEMBERS },
              summary: 'Who is in a room, after each join or leave',
            },
          ],
        },
      }),
    }),
  ],
  providers: [
    EchoRpc,
    SpecExamplesRpc,
    AuthRpc,
    ChatRpc,
    ChatPresence,
    AdminRpc,
    // Every method needs a login unless marked @Public(); @Roles() adds role checks.
    { provide: APP_GUARD, useClass: RolesGuard },
    // One log line per call.
    { provide: APP_INTERCEPTOR, useClass: RpcLoggingInterceptor },
  ],
})
export class AppModule {}
