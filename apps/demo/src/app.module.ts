import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import { AuthRpc } from './auth/auth.rpc';
import { DemoAuthModule } from './auth/demo-auth.module';
import { DemoTokenService } from './auth/demo-token.service';
import { ChatRpc } from './chat/chat.rpc';
import { EchoRpc } from './rpc/echo.rpc';
import { SpecExamplesRpc } from './rpc/spec-examples.rpc';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    DemoAuthModule,
    JsonRpcWsModule.forRootAsync({
      imports: [DemoAuthModule],
      inject: [ConfigService, DemoTokenService],
      useFactory: (config: ConfigService, tokens: DemoTokenService) => ({
        path: config.get<string>('WS_PATH', '/ws'),
        allowedOrigins: config.get<string>('WS_ALLOWED_ORIGINS')?.split(',') ?? 'same-origin',
        // The built-in `login { token }` accepts the tokens `auth.login` hands out.
        verifyToken: (token: string) => tokens.verify(token),
        // Chat rooms only.
        authorizeTopic: (_session, topic) => topic.startsWith('room:'),
      }),
    }),
  ],
  providers: [EchoRpc, SpecExamplesRpc, AuthRpc, ChatRpc],
})
export class AppModule {}
