import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { JsonRpcWsModule } from 'nestjs-jsonrpc-ws';
import { EchoRpc } from './rpc/echo.rpc';
import { SpecExamplesRpc } from './rpc/spec-examples.rpc';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    JsonRpcWsModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        path: config.get<string>('WS_PATH', '/ws'),
        allowedOrigins: config.get<string>('WS_ALLOWED_ORIGINS')?.split(',') ?? 'same-origin',
      }),
    }),
  ],
  providers: [EchoRpc, SpecExamplesRpc],
})
export class AppModule {}
