// Long file: every series of the library is declared here, in one place, beside what feeds it.
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { RpcMethodRegistry } from '../discovery/rpc-method.registry';
import { HubEvents } from '../hub/hub-events';
import type { HubTarget } from '../hub/hub-target';
import {
  InstrumentationSink,
  LimitKind,
  RpcInstrumentation,
} from '../instrumentation/rpc-instrumentation';
import { reasonForCode } from '../protocol/jsonrpc-error-codes';
import type { JsonRpcErrorObject } from '../protocol/jsonrpc.types';
import { SessionRegistry } from '../session/session-registry';
import { METRICS_OPTIONS, ResolvedMetricsOptions } from './metrics-options';
import { registerMetrics, unregisterMetrics } from './metrics-registration';
import { METRICS_REGISTRY } from './metrics-registry';
import { ensureProcessMetrics } from './process-metrics';
import { promClient } from './prom-client';

/** Label of calls to methods that do not exist: their names must not become label values. */
export const UNKNOWN_METHOD_LABEL = '__unknown__';
/** Label of messages that were not requests at all (parse errors, invalid requests). */
export const INVALID_METHOD_LABEL = '__invalid__';

const DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/**
 * The library's Prometheus series, created per application and registered in
 * its metrics registry (see `metricsRegistryProvider`). Current values are read
 * from the session registry's counters at scrape time, so they cannot drift;
 * totals count events as they happen.
 */
@Injectable()
export class RpcMetricsService implements InstrumentationSink, OnModuleInit, OnModuleDestroy {
  private readonly prom = promClient();
  private readonly metrics: Metric[] = [];
  private readonly opened: Counter;
  private readonly closed: Counter<'reason'>;
  private readonly requests: Counter<'method' | 'code'>;
  private readonly duration: Histogram<'method'>;
  private readonly errors: Counter<'type'>;
  private readonly sent: Counter;
  private readonly broadcasts: Counter;
  private readonly publications: Counter;
  private readonly droppedTotal: Counter;
  private readonly bytes: Counter;
  private readonly subscriptions: Counter;
  private readonly rejections: Counter<'kind'>;
  private readonly rateLimitedTotal: Counter<'method'>;
  private readonly adminRequests: Counter<'endpoint' | 'status'>;
  private readonly adminDuration: Histogram<'endpoint'>;

  constructor(
    @Inject(METRICS_OPTIONS) private readonly options: ResolvedMetricsOptions,
    @Inject(METRICS_REGISTRY) private readonly metricsRegistry: Registry,
    private readonly instrumentation: RpcInstrumentation,
    private readonly registry: SessionRegistry,
    private readonly events: HubEvents,
    private readonly methods: RpcMethodRegistry,
  ) {
    const stats = () => this.registry.counts();
    this.opened = this.counter(
      'connections_opened_total',
      'Connections accepted (WebSocket and SSE).',
    );
    this.closed = this.counter(
      'connections_closed_total',
      'Connections closed, by reason (client, kicked, anonymous-timeout, heartbeat-timeout, token-expired, limit, slow-consumer, too-many-rejections, protocol-error, refused, shutdown, error).',
      ['reason'],
    );
    this.gauge('connections_current', 'Open connections on this node.', () => stats().connections);
    this.gauge(
      'connections_authenticated',
      'Logged-in connections on this node.',
      () => stats().authenticated,
    );
    this.gauge(
      'connections_anonymous',
      'Anonymous connections on this node.',
      () => stats().anonymous,
    );
    this.gauge('sse_connections_current', 'Open SSE streams on this node.', () => stats().sse);
    this.gauge('users_current', 'Distinct logged-in users on this node.', () => stats().users);
    const byPlatform = new this.prom.Gauge({
      name: this.name('connections_by_platform'),
      help: 'Logged-in connections on this node, by platform.',
      labelNames: ['platform'],
      registers: [],
      collect: () => {
        byPlatform.reset();
        for (const [platform, count] of Object.entries(stats().byPlatform))
          byPlatform.set({ platform }, count);
      },
    });
    this.add(byPlatform);
    this.requests = this.counter(
      'rpc_requests_total',
      'RPC requests and notifications handled, by method and outcome code (0 = success).',
      ['method', 'code'],
    );
    this.duration = this.histogram(
      'rpc_request_duration_seconds',
      'Time to handle an RPC call, by method.',
      ['method'],
    );
    this.errors = this.counter(
      'rpc_errors_total',
      'RPC errors, by type (the error reason: ParseError, InvalidRequest, MethodNotFound, InvalidParams, InternalError, Unauthorized, …).',
      ['type'],
    );
    this.sent = this.counter(
      'messages_sent_total',
      'Push notifications written to connections (one per recipient).',
    );
    this.broadcasts = this.counter('broadcasts_total', 'Broadcasts made.');
    this.publications = this.counter('topic_publications_total', 'Publications to topics.');
    this.droppedTotal = this.counter(
      'messages_dropped_total',
      'Messages not sent because a client did not read fast enough.',
    );
    this.bytes = this.counter(
      'bytes_sent_total',
      'Bytes of push notifications written to connections.',
    );
    this.gauge(
      'topics_current',
      'Topics with at least one subscriber on this node.',
      () => stats().topics,
    );
    this.gauge(
      'subscriptions_current',
      'Topic subscriptions on this node.',
      () => stats().subscriptions,
    );
    this.subscriptions = this.counter('subscriptions_total', 'Topic subscriptions made.');
    this.rejections = this.counter(
      'limit_rejections_total',
      'Refusals by a limit, by kind (connections, user, platform, topics, rate).',
      ['kind'],
    );
    this.rateLimitedTotal = this.counter(
      'rate_limited_total',
      'Calls refused by the rate limit, by method.',
      ['method'],
    );
    this.adminRequests = this.counter(
      'admin_requests_total',
      'Admin HTTP API requests, by endpoint and HTTP status (refusals included).',
      ['endpoint', 'status'],
    );
    this.adminDuration = this.histogram(
      'admin_request_duration_seconds',
      'Time to answer an admin HTTP API request, by endpoint.',
      ['endpoint'],
    );
  }

  onModuleInit(): void {
    registerMetrics(this.metricsRegistry, this.metrics);
    // An application's own PrometheusModule collects them when it serves the exposition.
    if (this.options.defaultMetrics && this.options.registerPrometheusModule)
      ensureProcessMetrics();
    this.instrumentation.sink = this;
    this.events.on('connected', () => this.opened.inc());
    this.events.on('disconnected', ({ reason }) => this.closed.inc({ reason }));
    this.events.on('subscribed', ({ topics }) => this.subscriptions.inc(topics.length));
  }

  onModuleDestroy(): void {
    unregisterMetrics(this.metricsRegistry, this.metrics);
  }

  request(
    method: string | undefined,
    error: JsonRpcErrorObject | undefined,
    seconds: number,
  ): void {
    const label = this.methodLabel(method);
    this.requests.inc({ method: label, code: error ? String(error.code) : '0' });
    if (method !== undefined && label !== UNKNOWN_METHOD_LABEL)
      this.duration.observe({ method: label }, seconds);
    if (error) this.errors.inc({ type: reasonForCode(error.code) ?? 'ApplicationError' });
  }

  push(kind: HubTarget['kind'], delivered: number, bytes: number): void {
    if (kind === 'broadcast') this.broadcasts.inc();
    else if (kind === 'topic') this.publications.inc();
    if (delivered > 0) {
      this.sent.inc(delivered);
      this.bytes.inc(bytes);
    }
  }

  dropped(): void {
    this.droppedTotal.inc();
  }

  limitRejected(kind: LimitKind): void {
    this.rejections.inc({ kind });
  }

  rateLimited(method: string): void {
    this.rateLimitedTotal.inc({ method: this.methodLabel(method) });
  }

  httpRequest(endpoint: string, status: number, seconds: number): void {
    this.adminRequests.inc({ endpoint, status: String(status) });
    this.adminDuration.observe({ endpoint }, seconds);
  }

  /** Only registered method names become label values, so clients cannot grow the series. */
  private methodLabel(method: string | undefined): string {
    if (method === undefined) return INVALID_METHOD_LABEL;
    return this.methods.get(method) ? method : UNKNOWN_METHOD_LABEL;
  }

  private name(suffix: string): string {
    return `${this.options.prefix}${suffix}`;
  }

  private add<T extends Metric>(metric: T): T {
    this.metrics.push(metric);
    return metric;
  }

  private counter<L extends string = string>(
    suffix: string,
    help: string,
    labelNames: L[] = [],
  ): Counter<L> {
    return this.add(
      new this.prom.Counter<L>({ name: this.name(suffix), help, labelNames, registers: [] }),
    );
  }

  private histogram<L extends string>(suffix: string, help: string, labelNames: L[]): Histogram<L> {
    return this.add(
      new this.prom.Histogram<L>({
        name: this.name(suffix),
        help,
        labelNames,
        buckets: DURATION_BUCKETS,
        registers: [],
      }),
    );
  }

  private gauge(suffix: string, help: string, read: () => number): void {
    const gauge: Gauge = new this.prom.Gauge({
      name: this.name(suffix),
      help,
      registers: [],
      collect: () => gauge.set(read()),
    });
    this.add(gauge);
  }
}
