import { Injectable, UnauthorizedException } from '@nestjs/common';
import { HubService, JsonRpcSession, RpcMethod, RpcParams, RpcSession } from 'nestjs-jsonrpc-ws';
import { ChatSendDto } from './chat-send.dto';

/** Chat rooms are topics named `room:<room>`; members join them with the built-in `subscribe`. */
@Injectable()
export class ChatRpc {
  constructor(private readonly hub: HubService) {}

  @RpcMethod('chat.send')
  async send(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() { room, text }: ChatSendDto,
  ): Promise<{ delivered: number }> {
    if (!session.authenticated) throw new UnauthorizedException('Login required');
    const message = { room, from: session.userId!, text, at: new Date().toISOString() };
    return { delivered: await this.hub.pushToTopic(`room:${room}`, 'chat.message', message) };
  }
}
