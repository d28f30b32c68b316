"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcMetricsService = exports.INVALID_METHOD_LABEL = exports.UNKNOWN_METHOD_LABEL = void 0;
const common_1 = require("@nestjs/common");
const rpc_method_registry_1 = require("../discovery/rpc-method.registry");
const hub_events_1 = require("../hub/hub-events");
const hub_service_1 = require("../hub/hub.service");
const rpc_instrumentation_1 = require("../instrumentation/rpc-instrumentation");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const metrics_options_1 = require("./metrics-options");
/** Label of calls to methods that do not exist: their names must not become label values. */
exports.UNKNOWN_METHOD_LABEL = '__unknown__';
/** Label of messages that were not requests at all (parse errors, invalid requests). */
exports.INVALID_METHOD_LABEL = '__invalid__';
/** prom-client is an optional peer: loaded when metrics are enabled, not when the library is. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const promClient = () => require('prom-client');
const DURATION_BUCKETS = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];
/**
 * The library's Prometheus series, in prom-client's default registry (the one
 * `@willsoto/nestjs-prometheus` exposes). Current values are read from the hub
 * at scrape time, so they cannot drift; totals count events as they happen.
 */
let RpcMetricsService = class RpcMetricsService {
    constructor(options, instrumentation, hub, events, methods) {
        this.options = options;
        this.instrumentation = instrumentation;
        this.hub = hub;
        this.events = events;
        this.methods = methods;
        this.prom = promClient();
        this.metrics = [];
        const stats = () => this.hub.stats();
        this.opened = this.counter('connections_opened_total', 'WebSocket connections accepted.');
        this.closed = this.counter('connections_closed_total', 'Connections closed, by reason (client, kicked, anonymous-timeout, heartbeat-timeout, token-expired, limit, slow-consumer, protocol-error, shutdown, error).', ['reason']);
        this.gauge('connections_current', 'Open connections on this node.', () => stats().connections);
        this.gauge('connections_authenticated', 'Logged-in connections on this node.', () => stats().authenticated);
        this.gauge('connections_anonymous', 'Anonymous connections on this node.', () => stats().anonymous);
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
        this.requests = this.counter('rpc_requests_total', 'RPC requests and notifications handled, by method and outcome code (0 = success).', ['method', 'code']);
        this.duration = this.add(new this.prom.Histogram({
            name: this.name('rpc_request_duration_seconds'),
            help: 'Time to handle an RPC call, by method.',
            labelNames: ['method'],
            buckets: DURATION_BUCKETS,
            registers: [],
        }));
        this.errors = this.counter('rpc_errors_total', 'RPC errors, by type (the error reason: ParseError, InvalidRequest, MethodNotFound, InvalidParams, InternalError, Unauthorized, …).', ['type']);
        this.sent = this.counter('messages_sent_total', 'Push notifications written to connections (one per recipient).');
        this.broadcasts = this.counter('broadcasts_total', 'Broadcasts made.');
        this.publications = this.counter('topic_publications_total', 'Publications to topics.');
        this.droppedTotal = this.counter('messages_dropped_total', 'Messages not sent because a client did not read fast enough.');
        this.bytes = this.counter('bytes_sent_total', 'Bytes of push notifications written to connections.');
        this.gauge('topics_current', 'Topics with at least one subscriber on this node.', () => stats().topics);
        this.gauge('subscriptions_current', 'Topic subscriptions on this node.', () => stats().subscriptions);
        this.subscriptions = this.counter('subscriptions_total', 'Topic subscriptions made.');
        this.rejections = this.counter('limit_rejections_total', 'Refusals by a limit, by kind (connections, user, platform, topics, rate).', ['kind']);
        this.rateLimitedTotal = this.counter('rate_limited_total', 'Calls refused by the rate limit, by method.', ['method']);
    }
    onModuleInit() {
        for (const metric of this.metrics)
            this.prom.register.registerMetric(metric);
        this.instrumentation.sink = this;
        this.events.on('connected', () => this.opened.inc());
        this.events.on('disconnected', ({ reason }) => this.closed.inc({ reason }));
        this.events.on('subscribed', ({ topics }) => this.subscriptions.inc(topics.length));
    }
    onModuleDestroy() {
        for (const metric of this.metrics)
            this.prom.register.removeSingleMetric(this.nameOf(metric));
    }
    request(method, error, seconds) {
        const label = this.methodLabel(method);
        this.requests.inc({ method: label, code: error ? String(error.code) : '0' });
        if (method !== undefined && label !== exports.UNKNOWN_METHOD_LABEL)
            this.duration.observe({ method: label }, seconds);
        if (error)
            this.errors.inc({ type: (0, jsonrpc_error_codes_1.reasonForCode)(error.code) ?? 'ApplicationError' });
    }
    push(kind, delivered, bytes) {
        if (kind === 'broadcast')
            this.broadcasts.inc();
        else if (kind === 'topic')
            this.publications.inc();
        if (delivered > 0) {
            this.sent.inc(delivered);
            this.bytes.inc(bytes);
        }
    }
    dropped() {
        this.droppedTotal.inc();
    }
    limitRejected(kind) {
        this.rejections.inc({ kind });
    }
    rateLimited(method) {
        this.rateLimitedTotal.inc({ method: this.methodLabel(method) });
    }
    /** Only registered method names become label values, so clients cannot grow the series. */
    methodLabel(method) {
        if (method === undefined)
            return exports.INVALID_METHOD_LABEL;
        return this.methods.get(method) ? method : exports.UNKNOWN_METHOD_LABEL;
    }
    name(suffix) {
        return `${this.options.prefix}${suffix}`;
    }
    nameOf(metric) {
        return metric.name;
    }
    add(metric) {
        this.metrics.push(metric);
        return metric;
    }
    counter(suffix, help, labelNames = []) {
        return this.add(new this.prom.Counter({ name: this.name(suffix), help, labelNames, registers: [] }));
    }
    gauge(suffix, help, read) {
        const gauge = new this.prom.Gauge({
            name: this.name(suffix),
            help,
            registers: [],
            collect: () => gauge.set(read()),
        });
        this.add(gauge);
    }
};
exports.RpcMetricsService = RpcMetricsService;
exports.RpcMetricsService = RpcMetricsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(metrics_options_1.METRICS_OPTIONS)),
    __metadata("design:paramtypes", [Object, rpc_instrumentation_1.RpcInstrumentation,
        hub_service_1.HubService,
        hub_events_1.HubEvents,
        rpc_method_registry_1.RpcMethodRegistry])
], RpcMetricsService);
//# sourceMappingURL=rpc-metrics.service.js.map