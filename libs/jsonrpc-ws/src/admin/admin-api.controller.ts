import {
  Body,
  CanActivate,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { ClusterStats } from '../hub/hub-transport.interface';
import { HubService, HubStats } from '../hub/hub.service';
import type { ConnectionInfo } from '../session/session-identity';
import { AdminBodyGuard } from './admin-body.guard';
import { AdminRequestObserver } from './admin-request.observer';
import { AdminTokenGuard } from './admin-token.guard';
import { adminValidationPipe } from './admin-validation.pipe';
import { ADMIN_API_OPTIONS, ResolvedAdminApiOptions } from './admin-api-options';
import {
  adminDtos,
  BroadcastBody,
  HistoryQuery,
  KickBody,
  OnlineQuery,
  PublishBody,
  SendBody,
} from './admin-api.dto';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import type { UsersPage } from '../hub/users-page';
import type { RecoveredPublication } from '../history/positioned-frame';

/** Page size of `GET /online` when the query names none. */
const DEFAULT_PAGE_SIZE = 100;

/** Publications `GET /history/:topic` answers when the query names no limit. */
const DEFAULT_HISTORY_PAGE = 100;

/** `GET /history/:topic`: the stream's position, and its publications after `after`. */
export interface HistoryPage {
  epoch: string;
  /** The offset of the topic's last publication (0 before the first). */
  offset: number;
  /** In offset order; the next page starts after the last one's offset. */
  publications: RecoveredPublication[];
}

/** What the admin controller's routes answer. */
export interface Delivered {
  /** Connections the push was written to (on this node, and on others when the transport tells). */
  delivered: number;
}

/**
 * The admin HTTP API under the configured prefix: push, kick, presence and
 * stats for services that hold no WebSocket. A class per module definition,
 * so that two apps in one process can serve different prefixes and guards.
 */
export function createAdminApiController(
  prefix: string,
  guard: Type<CanActivate> = AdminTokenGuard,
): Type<unknown> {
  const { SendDto, PublishDto, BroadcastDto, KickDto, OnlineQueryDto, HistoryQueryDto } =
    adminDtos();

  @Controller(prefix)
  @UseGuards(AdminRequestObserver, guard, AdminBodyGuard)
  @UseInterceptors(IdempotencyInterceptor)
  class JsonRpcWsAdminController {
    constructor(
      private readonly hub: HubService,
      @Inject(ADMIN_API_OPTIONS) private readonly options: ResolvedAdminApiOptions,
    ) {}

    @Post('send')
    @HttpCode(200)
    async send(@Body(adminValidationPipe(SendDto)) body: SendBody): Promise<Delivered> {
      const { to, method, params, platform } = body;
      return { delivered: await this.hub.pushToUser(to, method, params, { platform }) };
    }

    @Post('publish')
    @HttpCode(200)
    async publish(@Body(adminValidationPipe(PublishDto)) body: PublishBody): Promise<Delivered> {
      return { delivered: await this.hub.pushToTopic(body.topic, body.method, body.params) };
    }

    @Post('broadcast')
    @HttpCode(200)
    async broadcast(
      @Body(adminValidationPipe(BroadcastDto)) body: BroadcastBody,
    ): Promise<Delivered> {
      return { delivered: await this.hub.broadcast(body.method, body.params) };
    }

    @Post('kick')
    @HttpCode(200)
    async kick(@Body(adminValidationPipe(KickDto)) body: KickBody): Promise<{ kicked: number }> {
      const kicked = await this.hub.kickUser(body.userId, body.reason, { platform: body.platform });
      return { kicked };
    }

    @Get('online')
    online(@Query(adminValidationPipe(OnlineQueryDto)) query: OnlineQuery): Promise<UsersPage> {
      const limit = Math.min(query.limit ?? DEFAULT_PAGE_SIZE, this.options.maxPageSize);
      return this.hub.onlineUsers(limit, query.cursor);
    }

    @Get('online/:userId')
    async user(
      @Param('userId') userId: string,
    ): Promise<{ online: boolean; connections: ConnectionInfo[] }> {
      const connections = await this.hub.getConnections(userId);
      return { online: connections.length > 0, connections };
    }

    /** What a topic that keeps history holds after `after`: the same as a recovery reads. */
    @Get('history/:topic')
    history(
      @Param('topic') topic: string,
      @Query(adminValidationPipe(HistoryQueryDto)) query: HistoryQuery,
    ): Promise<HistoryPage> {
      if (!this.hub.keepsHistory(topic)) {
        throw new NotFoundException(
          `Topic "${topic}" keeps no history: no pattern of the history option matches it`,
        );
      }
      return this.hub.readHistory(topic, query.after ?? 0, query.limit ?? DEFAULT_HISTORY_PAGE);
    }

    /** This node's stats; in a cluster, with `cluster`: the same from every node. */
    @Get('stats')
    async stats(): Promise<HubStats & { cluster?: ClusterStats }> {
      const cluster = await this.hub.clusterStats();
      return cluster ? { ...this.hub.stats(), cluster } : this.hub.stats();
    }
  }
  return JsonRpcWsAdminController;
}
