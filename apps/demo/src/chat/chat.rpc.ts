import { Injectable } from '@nestjs/common';
import {
  HubService,
  JsonRpcSession,
  RateLimit,
  RpcMethod,
  RpcParams,
  RpcSession,
} from 'nestjs-jsonrpc-ws';
import { ChatPresence } from './chat-presence.service';
import { ChatRoomDto, ChatSendDto } from './chat-send.dto';

/** `chat.members`' answer, and the params of `chat.presence`. */
export const ROOM_MEMBERS = {
  type: 'object',
  properties: { room: { type: 'string' }, members: { type: 'array', items: { type: 'string' } } },
  required: ['room', 'members'],
};

/**
 * Chat rooms are topics named `room:<room>`; members join them with the
 * built-in `subscribe`. Login is checked by the global guard.
 */
@Injectable()
export class ChatRpc {
  constructor(
    private readonly hub: HubService,
    private readonly presence: ChatPresence,
  ) {}

  /** Who is in a room now; changes arrive as `chat.presence`. */
  @RpcMethod('chat.members', {
    summary: 'Who is in a room now',
    tags: ['chat'],
    result: { schema: ROOM_MEMBERS },
  })
  members(@RpcParams() { room }: ChatRoomDto): { room: string; members: string[] } {
    return { room, members: this.presence.members(room) };
  }

  @RateLimit({ limit: 5, windowMs: 1000, burst: 10 })
  @RpcMethod('chat.send', {
    summary: "Sends a message to a room's members, as chat.message",
    tags: ['chat'],
    result: {
      schema: {
        type: 'object',
        properties: { delivered: { type: 'integer', minimum: 0 } },
        required: ['delivered'],
      },
    },
  })
  async send(
    @RpcSession() session: JsonRpcSession,
    @RpcParams() { room, text }: ChatSendDto,
  ): Promise<{ delivered: number }> {
    const message = { room, from: session.userId!, text, at: new Date().toISOString() };
    return { delivered: await this.hub.pushToTopic(`room:${room}`, 'chat.message', message) };
  }
}
