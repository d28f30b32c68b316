import {
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'http';
import { inspect } from 'util';
import { JsonRpcError } from '../errors/jsonrpc.error';
import { HubEvents } from '../hub/hub-events';
import { HubService } from '../hub/hub.service';
import { RpcInstrumentation } from '../instrumentation/rpc-instrumentation';
import { InjectJsonRpcWsOptions } from '../options/inject-options.decorator';
import { ResolvedJsonRpcWsOptions } from '../options/jsonrpc-ws-options.interface';
import { CloseCode } from '../protocol/close-codes';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-error-codes';
import type { CloseReason } from '../session/close-reason';
import { OutboundGate } from '../session/outbound-gate';
import type { SessionIdentity } from '../session/session-identity';
import { SessionRegistry } from '../session/session-registry';
import { checkToken } from '../session/token-check';
import { GracefulShutdown } from '../transport/graceful-shutdown';
import { isOriginAllowed } from '../transport/origin-policy';
import { UpgradeAuthorizer } from '../transport/upgrade-authorizer';
import { RefusalLog } from '../logging/refusal-log';
import { httpErrorOf } from './http-error-of';
import { ResolvedSseOptions, SSE_OPTIONS } from './sse-options';
import { readSseRequest, SseRequest } from './sse-request';
import { SseRecovery } from './sse-recovery';
import { SseSession } from './sse-session';
import { SseStream } from './sse-stream';

/**
 * Turns an HTTP request into an SSE session: the same admission as a WebSocket
 * upgrade (shutdown, origin, connection limit), the same login (`verifyToken`,
 * or `authenticate` on the request) and topic authorisation, then a stream the
 * hub pushes to. Every refusal is an HTTP error sent before the stream starts.
 */
@Injectable()
export class SseConnector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JsonRpcWs');
  private readonly refusals = new RefusalLog(this.logger, 'SSE stream');
  private readonly streams = new Set<SseSession>();
  private keepAliveTimer?: NodeJS.Timeout;
  private pending = 0;

  constructor(
    @InjectJsonRpcWsOptions() private readonly options: ResolvedJsonRpcWsOptions,
    @Inject(SSE_OPTIONS) private readonly sse: ResolvedSseOptions,
    private readonly registry: SessionRegistry,
    private readonly hub: HubService,
    private readonly events: HubEvents,
    private readonly gate: OutboundGate,
    private readonly shutdown: GracefulShutdown,
    private readonly authorizer: UpgradeAuthorizer,
    private readonly instrumentation: RpcInstrumentation,
    private readonly recovery: SseRecovery,
  ) {}

  /** Whether streams can be opened at all: something must say who the client is. */
  get enabled(): boolean {
    return this.options.verifyToken !== undefined || this.options.authenticate !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.logger.warn(
        `SSE at ${this.sse.path} answers 404: it needs verifyToken or authenticate in the options to know who a client is`,
      );
      return;
    }
    const every = this.sse.keepAliveMs;
    if (every > 0) {
      this.keepAliveTimer = setInterval(() => {
        for (const session of this.streams) session.stream.ping();
      }, every).unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.keepAliveTimer);
  }

  /**
   * Opens a stream on `response`, or throws the HttpException to answer instead.
   * `takeOver` is called right before the first byte (Fastify must hand the response over).
   */
  async connect(
    request: IncomingMessage,
    response: ServerResponse,
    takeOver: () => void,
  ): Promise<void> {
    this.admit(request);
    const asked = readSseRequest(request, this.sse.tokenQueryParam);
    const session = new SseSession(
      new SseStream(response),
      request.socket.remoteAddress,
      this.gate,
    );
    this.pending++;
    let identity: SessionIdentity;
    try {
      identity = await this.identify(request, asked, session);
    } finally {
      this.pending--;
    }
    if (response.destroyed || this.shutdown.started) return this.abandon(response, takeOver);
    this.registry.add(session);
    session.socket.once('close', (code: number) => this.closed(session, code));
    this.events.emit('connected', { session });
    let writeMissed = (): void => undefined;
    try {
      await this.hub.login(session, { ...identity, platform: identity.platform ?? asked.platform });
      if (asked.topics.length > 0)
        writeMissed = await this.recovery.subscribe(session, asked.topics, asked.lastEventId);
    } catch (error) {
      // The client hung up meanwhile (the login then finds no connection): nothing to answer.
      if (response.destroyed) return this.abandon(response, takeOver);
      const limit =
        error instanceof JsonRpcError && error.code === JsonRpcErrorCode.TooManyRequests;
      this.closed(
        session,
        limit ? CloseCode.LoginRejected : CloseCode.Refused,
        limit ? 'limit' : 'refused',
      );
      throw this.refused(httpErrorOf(error), error);
    }
    // Gone meanwhile: the client hung up, or a newer login kicked this one.
    if (session.closeReason !== undefined || !this.registry.get(session.id))
      return this.abandon(response, takeOver);
    takeOver();
    session.stream.open(this.sse.retryMs);
    // Before the publications held meanwhile, which follow on the next turn.
    writeMissed();
    this.streams.add(session);
  }

  /** The checks a WebSocket upgrade passes before the 101. */
  private admit(request: IncomingMessage): void {
    if (!this.enabled) throw this.refused(new HttpException('Not Found', 404));
    if (this.shutdown.started)
      throw this.refused(new ServiceUnavailableException('Server shutting down'));
    if (!isOriginAllowed(request, this.options.allowedOrigins))
      throw this.refused(new ForbiddenException('Origin not allowed'));
    const { maxConnections } = this.options;
    if (maxConnections > 0 && this.registry.size + this.pending >= maxConnections) {
      this.instrumentation.sink.limitRejected('connections');
      throw this.refused(new ServiceUnavailableException('Too many connections'));
    }
  }

  /** Who the client is: its token through `verifyToken`, else `authenticate` on the request. */
  private async identify(
    request: IncomingMessage,
    asked: SseRequest,
    session: SseSession,
  ): Promise<SessionIdentity> {
    const { verifyToken } = this.options;
    if (asked.token !== undefined && verifyToken) {
      try {
        return await checkToken(verifyToken, asked.token, session, asked.platform);
      } catch (error) {
        throw this.refused(httpErrorOf(error), error);
      }
    }
    if (this.options.authenticate) {
      const verdict = await this.authorizer.authorize(request);
      if (!verdict.accepted) throw this.refused(new HttpException(verdict.message, verdict.status));
      if (verdict.identity) return verdict.identity;
    }
    throw this.refused(new UnauthorizedException('A token is required'));
  }

  private refused(error: HttpException, cause?: unknown): HttpException {
    const status = error.getStatus();
    if (status >= 500 && cause !== undefined && !(cause instanceof HttpException)) {
      this.logger.error(
        'Opening an SSE stream failed',
        cause instanceof Error ? cause.stack : inspect(cause),
      );
    }
    this.refusals.record(status, error.message);
    return error;
  }

  /** Leaves a request that will get no stream: the response is ours to end, if it still can be. */
  private abandon(response: ServerResponse, takeOver: () => void): void {
    takeOver();
    if (response.destroyed) return;
    response.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ statusCode: 503, message: 'The stream ended before it opened' }));
  }

  private closed(session: SseSession, code: number, reason?: CloseReason): void {
    this.streams.delete(session);
    if (!this.registry.remove(session)) return;
    this.events.emit('disconnected', {
      session,
      reason: reason ?? session.closeReason ?? 'client',
      code,
    });
  }
}
