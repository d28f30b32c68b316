import { BadRequestException, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { HubService, JsonRpcWsModule, RpcMethod } from 'nestjs-jsonrpc-ws';
import { register } from 'prom-client';
import { eventually, loginClient, verifyTestToken } from './fixtures/hub.fixture';
import { RunningApp, startApp } from './utils/test-app';
import { TestClient } from './utils/test-client';

/**
 * `JsonRpcWsModule.forRoot({ metrics })` over real sockets and a real scrape:
 * the values match what the clients did, the exposition passes `promtool check
 * metrics`, client-chosen method names cannot grow the series, and the prefix,
 * path and default-metrics options apply.
 *
 * Each app keeps the library's series in a registry of its own, so several apps
 * of one process (as here) serve their own figures. prom-client's default metrics
 * are process-wide: collected once into its default registry, which every app's
 * exposition also serves; the blocks asserting their absence clear it first.
 */

@Injectable()
class MetricsTestRpc {
  @RpcMethod('ok')
  ok(): number {
    return 1;
  }

  @RpcMethod('fail')
  fail(): never {
    throw new BadRequestException();
  }

  @RpcMethod('limited')
  limited(): string {
    return 'done';
  }
}

// ---------------------------------------------------------------------------
// A small reader of the Prometheus text exposition format (0.0.4).
// ---------------------------------------------------------------------------

type Labels = Record<string, string>;

interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

class Exposition {
  /** Sample value by series key (name and sorted labels). */
  private readonly values = new Map<string, number>();
  /** `# TYPE` of each metric family. */
  readonly types = new Map<string, string>();
  readonly samples: Sample[] = [];

  constructor(readonly text: string) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      if (line.startsWith('#')) {
        const [, keyword, family, type] = line.split(' ');
        if (keyword === 'TYPE') this.types.set(family!, type!);
        continue;
      }
      const sample = parseSample(line);
      const key = seriesKey(sample.name, sample.labels);
      if (this.values.has(key)) throw new Error(`Duplicate series ${key}`);
      this.values.set(key, sample.value);
      this.samples.push(sample);
    }
  }

  /** The value of exactly this series (same name, same full label set), or undefined. */
  get(name: string, labels: Labels = {}): number | undefined {
    return this.values.get(seriesKey(name, labels));
  }

  /** Like `get`, for counters: a labelled counter never incremented has no sample, which means 0. */
  count(name: string, labels: Labels = {}): number {
    return this.get(name, labels) ?? 0;
  }

  /** Every series key, sorted. */
  get keys(): string[] {
    return [...this.values.keys()].sort();
  }

  /** The label sets of a metric's samples. */
  labelsOf(name: string): Labels[] {
    return this.samples.filter((s) => s.name === name).map((s) => s.labels);
  }
}

function seriesKey(name: string, labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return `${name}{${pairs.join(',')}}`;
}

/** `name{label="value",...} value [timestamp]`, with the format's escapes in label values. */
function parseSample(line: string): Sample {
  const fail = (why: string): never => {
    throw new Error(`Bad sample line (${why}): ${line}`);
  };
  let i = 0;
  while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++;
  const name = line.slice(0, i);
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) fail('metric name');
  const labels: Labels = {};
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const equals = line.indexOf('=', i);
      if (equals < 0) fail('label without value');
      const key = line.slice(i, equals).trim();
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) fail('label name');
      i = equals + 1;
      if (line[i] !== '"') fail('unquoted label value');
      i++;
      let value = '';
      while (line[i] !== '"') {
        if (i >= line.length) fail('unterminated label value');
        if (line[i] === '\\') {
          const escaped = line[i + 1];
          value += escaped === 'n' ? '\n' : escaped;
          i += 2;
        } else {
          value += line[i++];
        }
      }
      i++;
      if (key in labels) fail(`label ${key} repeated`);
      labels[key] = value;
      if (line[i] === ',') i++;
      else if (line[i] !== '}') fail('label separator');
    }
    i++;
  }
  if (line[i] !== ' ') fail('no value');
  const [raw = ''] = line.slice(i).trim().split(/\s+/);
  return { name, labels, value: parseValue(raw) ?? fail('value') };
}

/**
 * A sample value as Prometheus reads it (Go's ParseFloat: special values in any
 * case; prom-client writes NaN as "Nan").
 */
function parseValue(raw: string): number | undefined {
  if (/^nan$/i.test(raw)) return NaN;
  const infinity = /^([+-]?)inf(inity)?$/i.exec(raw);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  const value = Number(raw);
  return raw.trim() === '' || Number.isNaN(value) ? undefined : value;
}

async function scrape(running: RunningApp, path = '/metrics'): Promise<Exposition> {
  const response = await fetch(running.http(path));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return new Exposition(await response.text());
}

// ---------------------------------------------------------------------------
// promtool
// ---------------------------------------------------------------------------

/** Exit status of `promtool check metrics` when it only found lint problems (it is 1 on errors). */
const PROMTOOL_LINT_EXIT = 3;

/**
 * Runs `promtool check metrics` on the text. Parse errors fail. Lint problems
 * (exit 3, one `<metric> <problem>` line each) fail when they name one of the
 * library's metrics (`prefix`); those about other metrics are not ours: with
 * promtool 2.42, prom-client's default metrics give
 * `nodejs_active_handles_total non-counter metrics should not have "_total" suffix`
 * (and the same for nodejs_active_requests_total and nodejs_active_resources_total).
 */
function expectPromtoolAccepts(text: string, prefix: string): void {
  const run = spawnSync('promtool', ['check', 'metrics'], {
    input: text,
    encoding: 'utf8',
    timeout: 20000,
  });
  if (run.error) {
    if ((run.error as NodeJS.ErrnoException).code !== 'ENOENT') throw run.error;
    if (process.env.CI === 'true') {
      throw new Error(
        'promtool is not installed, and CI=true requires it: install the Debian package ' +
          '"prometheus" (.ci/run does) so the /metrics exposition is checked',
      );
    }
    console.warn(
      'promtool not found: the /metrics exposition was NOT checked (install the Debian package "prometheus")',
    );
    return;
  }
  const output = `${run.stdout}${run.stderr}`.trim();
  if (run.status !== 0 && run.status !== PROMTOOL_LINT_EXIT) {
    throw new Error(`promtool check metrics failed (exit ${run.status}):\n${output}`);
  }
  const problems = output.split('\n').filter((line) => line.trim() !== '');
  if (run.status === 0) expect(problems).toEqual([]);
  else expect(problems.length).toBeGreaterThan(0);
  expect(problems.filter((line) => line.startsWith(prefix))).toEqual([]);
}

// ---------------------------------------------------------------------------

/** Bytes of the frame a push of `method` with `params` writes to each recipient. */
function pushBytes(method: string, params: unknown): number {
  return Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', method, params }));
}

const P = 'jsonrpc_ws_';

afterAll(() => register.clear());

describe('metrics: true (prefix jsonrpc_ws_, /metrics, default metrics)', () => {
  let running: RunningApp;
  let alice: TestClient;
  let bob: TestClient;
  let anonymous: TestClient;
  let extra: TestClient;

  beforeAll(async () => {
    register.clear();
    running = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({
          verifyToken: verifyTestToken,
          metrics: true,
          maxConnections: 4,
          // The anonymous connection must stay open for the whole test.
          anonymousTimeoutMs: 0,
          // A long window: the second call is refused however slow the machine.
          rateLimit: { limit: 100, methods: { limited: { limit: 1, windowMs: 60_000 } } },
        }),
      ],
      providers: [MetricsTestRpc],
    });
    alice = await loginClient(running, 'alice', 'web');
    bob = await loginClient(running, 'bob', 'ios');
    anonymous = await TestClient.connect(running.url());
  });

  afterAll(async () => {
    await running.app.close();
    register.clear();
  });

  it('has the types the names promise', async () => {
    const m = await scrape(running);
    expect(m.types.get(`${P}connections_current`)).toBe('gauge');
    expect(m.types.get(`${P}connections_by_platform`)).toBe('gauge');
    expect(m.types.get(`${P}connections_opened_total`)).toBe('counter');
    expect(m.types.get(`${P}rpc_requests_total`)).toBe('counter');
    expect(m.types.get(`${P}rpc_request_duration_seconds`)).toBe('histogram');
    expect(m.types.get(`${P}limit_rejections_total`)).toBe('counter');
    // Default metrics are on by default.
    expect(m.samples.some((s) => s.name.startsWith('process_'))).toBe(true);
  });

  it('counts the open connections, by login state and platform', async () => {
    const m = await scrape(running);
    expect(m.get(`${P}connections_current`)).toBe(3);
    expect(m.get(`${P}connections_authenticated`)).toBe(2);
    expect(m.get(`${P}connections_anonymous`)).toBe(1);
    expect(m.get(`${P}users_current`)).toBe(2);
    expect(m.get(`${P}connections_by_platform`, { platform: 'web' })).toBe(1);
    expect(m.get(`${P}connections_by_platform`, { platform: 'ios' })).toBe(1);
    expect(m.labelsOf(`${P}connections_by_platform`)).toHaveLength(2);
    expect(m.get(`${P}connections_opened_total`)).toBe(3);
    expect(m.labelsOf(`${P}connections_closed_total`)).toEqual([]);
    expect(m.count(`${P}rpc_requests_total`, { method: 'login', code: '0' })).toBe(2);
  });

  it('counts requests by method and code, with durations and error types', async () => {
    for (let i = 0; i < 3; i++) expect((await alice.call('ok')).result).toBe(1);
    for (let i = 0; i < 2; i++) expect((await alice.call('fail')).error.code).toBe(-32602);
    expect((await alice.call('no.such.method')).error.code).toBe(-32601);
    alice.send('{"jsonrpc":"2.0","method":"ok",');
    expect((await alice.next((r) => r.error?.code === -32700)).id).toBeNull();
    alice.send({ jsonrpc: '2.0', method: 42, id: 'bad-method' });
    expect((await alice.next((r) => r.id === 'bad-method')).error.code).toBe(-32600);

    const m = await scrape(running);
    const requests = (method: string, code: string) =>
      m.count(`${P}rpc_requests_total`, { method, code });
    expect(requests('ok', '0')).toBe(3);
    expect(requests('fail', '-32602')).toBe(2);
    expect(requests('__unknown__', '-32601')).toBe(1);
    expect(requests('__invalid__', '-32700')).toBe(1);
    expect(requests('__invalid__', '-32600')).toBe(1);
    // The name of an unknown method never becomes a label value.
    expect(m.text).not.toContain('no.such.method');

    const duration = `${P}rpc_request_duration_seconds`;
    expect(m.get(`${duration}_count`, { method: 'ok' })).toBe(3);
    expect(m.get(`${duration}_bucket`, { method: 'ok', le: '+Inf' })).toBe(3);
    expect(m.get(`${duration}_sum`, { method: 'ok' })).toBeGreaterThanOrEqual(0);
    expect(m.get(`${duration}_count`, { method: 'fail' })).toBe(2);
    const buckets = m
      .labelsOf(`${duration}_bucket`)
      .filter((labels) => labels.method === 'ok')
      .map((labels) => m.get(`${duration}_bucket`, labels)!);
    expect(buckets.length).toBeGreaterThan(1);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    // Calls that reached no method have no duration.
    const timed = new Set(m.labelsOf(`${duration}_count`).map((labels) => labels.method));
    expect(timed.has('__unknown__')).toBe(false);
    expect(timed.has('__invalid__')).toBe(false);

    const errors = (type: string) => m.count(`${P}rpc_errors_total`, { type });
    expect(errors('InvalidParams')).toBe(2);
    expect(errors('MethodNotFound')).toBe(1);
    expect(errors('ParseError')).toBe(1);
    expect(errors('InvalidRequest')).toBe(1);
  });

  it('counts subscriptions and pushes', async () => {
    expect((await alice.call('subscribe', { topics: ['news', 'chat'] })).result).toEqual({
      subscribed: ['news', 'chat'],
    });
    expect((await bob.call('subscribe', { topics: ['news'] })).result).toEqual({
      subscribed: ['news'],
    });
    let m = await scrape(running);
    expect(m.get(`${P}topics_current`)).toBe(2);
    expect(m.get(`${P}subscriptions_current`)).toBe(3);
    expect(m.get(`${P}subscriptions_total`)).toBe(3);
    expect(m.get(`${P}messages_sent_total`)).toBe(0);
    expect(m.get(`${P}bytes_sent_total`)).toBe(0);

    const hub = running.app.get(HubService);
    expect(await hub.pushToUser('alice', 'note', { n: 1 })).toBe(1);
    expect(await hub.broadcast('announce', { text: 'héllo' })).toBe(2);
    expect(await hub.pushToTopic('news', 'news.item', { id: 7 })).toBe(2);
    expect(await hub.pushToTopic('nobody-listens', 'news.item', { id: 8 })).toBe(0);
    await alice.next((n) => n.method === 'note');
    for (const client of [alice, bob]) {
      await client.next((n) => n.method === 'announce');
      await client.next((n) => n.method === 'news.item');
    }
    expect(anonymous.pending).toEqual([]);

    m = await scrape(running);
    expect(m.get(`${P}messages_sent_total`)).toBe(5);
    expect(m.get(`${P}broadcasts_total`)).toBe(1);
    expect(m.get(`${P}topic_publications_total`)).toBe(2);
    expect(m.get(`${P}bytes_sent_total`)).toBe(
      pushBytes('note', { n: 1 }) +
        2 * pushBytes('announce', { text: 'héllo' }) +
        2 * pushBytes('news.item', { id: 7 }),
    );
    expect(m.get(`${P}messages_dropped_total`)).toBe(0);
    expect(m.count(`${P}rpc_requests_total`, { method: 'subscribe', code: '0' })).toBe(2);
  });

  it('counts rate-limited calls', async () => {
    expect((await alice.call('limited')).result).toBe('done');
    expect((await alice.call('limited')).error.code).toBe(-32029);

    const m = await scrape(running);
    expect(m.count(`${P}rate_limited_total`, { method: 'limited' })).toBe(1);
    expect(m.labelsOf(`${P}rate_limited_total`)).toHaveLength(1);
    expect(m.count(`${P}limit_rejections_total`, { kind: 'rate' })).toBe(1);
    expect(m.count(`${P}rpc_requests_total`, { method: 'limited', code: '0' })).toBe(1);
    expect(m.count(`${P}rpc_requests_total`, { method: 'limited', code: '-32029' })).toBe(1);
    expect(m.count(`${P}rpc_errors_total`, { type: 'TooManyRequests' })).toBe(1);
  });

  it('counts a connection refused at the upgrade by maxConnections', async () => {
    extra = await TestClient.connect(running.url());
    await expect(TestClient.connect(running.url())).rejects.toThrow('Unexpected response 503');

    const m = await scrape(running);
    expect(m.count(`${P}limit_rejections_total`, { kind: 'connections' })).toBe(1);
    expect(m.labelsOf(`${P}limit_rejections_total`)).toHaveLength(2);
    expect(m.get(`${P}connections_current`)).toBe(4);
    expect(m.get(`${P}connections_anonymous`)).toBe(2);
    // A refused upgrade never was a connection.
    expect(m.get(`${P}connections_opened_total`)).toBe(4);
  });

  it('counts a connection the client closed', async () => {
    await extra.close();
    await eventually(async () => {
      const m = await scrape(running);
      expect(m.count(`${P}connections_closed_total`, { reason: 'client' })).toBe(1);
      expect(m.labelsOf(`${P}connections_closed_total`)).toHaveLength(1);
      expect(m.get(`${P}connections_current`)).toBe(3);
      expect(m.get(`${P}connections_authenticated`)).toBe(2);
      expect(m.get(`${P}connections_anonymous`)).toBe(1);
      expect(m.get(`${P}connections_opened_total`)).toBe(4);
    });
  });

  it('serves an exposition promtool accepts', async () => {
    const m = await scrape(running);
    expectPromtoolAccepts(m.text, P);
  });
});

describe('bounded labels', () => {
  const REQUESTS = 10_000;
  const BATCH = 100;
  let running: RunningApp;
  let client: TestClient;

  beforeAll(async () => {
    register.clear();
    running = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({
          // Without the default metrics, the number of series depends on this library only.
          metrics: { defaultMetrics: false },
          rateLimit: false,
          // 10,000 unknown methods from one client would otherwise close it (4029).
          maxRejections: 0,
        }),
      ],
      providers: [MetricsTestRpc],
    });
    client = await TestClient.connect(running.url());
  });

  afterAll(async () => {
    await running.app.close();
    register.clear();
  });

  it(`does not grow the series with ${REQUESTS} random unknown method names`, async () => {
    expect((await client.call(`warmup.${randomBytes(8).toString('hex')}`)).error.code).toBe(-32601);
    const baseline = await scrape(running);
    expect(
      baseline.count(`${P}rpc_requests_total`, { method: '__unknown__', code: '-32601' }),
    ).toBe(1);

    const names: string[] = [];
    for (let b = 0; b < REQUESTS / BATCH; b++) {
      const batch = Array.from({ length: BATCH }, (_, i) => {
        const method = `random.${randomBytes(8).toString('hex')}`;
        names.push(method);
        return { jsonrpc: '2.0', method, id: b * BATCH + i };
      });
      client.send(batch);
    }
    for (let b = 0; b < REQUESTS / BATCH; b++) {
      const replies = await client.next<any[]>((m) => Array.isArray(m), 10000);
      expect(replies).toHaveLength(BATCH);
      expect(replies.every((r) => r.error?.code === -32601)).toBe(true);
    }

    const after = await scrape(running);
    expect(after.count(`${P}rpc_requests_total`, { method: '__unknown__', code: '-32601' })).toBe(
      REQUESTS + 1,
    );
    expect(after.count(`${P}rpc_errors_total`, { type: 'MethodNotFound' })).toBe(REQUESTS + 1);
    expect(after.samples).toHaveLength(baseline.samples.length);
    expect(after.keys).toEqual(baseline.keys);
    expect(names.filter((name) => after.text.includes(name))).toEqual([]);
  });
});

describe("metrics: { prefix: 'myapp_', path: '/prom', defaultMetrics: false }", () => {
  let running: RunningApp;
  let client: TestClient;

  beforeAll(async () => {
    register.clear();
    running = await startApp({
      imports: [
        JsonRpcWsModule.forRoot({
          metrics: { prefix: 'myapp_', path: '/prom', defaultMetrics: false },
        }),
      ],
      providers: [MetricsTestRpc],
    });
    client = await TestClient.connect(running.url());
  });

  afterAll(async () => {
    await running.app.close();
    register.clear();
  });

  it('names the series myapp_…, serves them at /prom, without default metrics', async () => {
    expect((await client.call('ok')).result).toBe(1);
    const m = await scrape(running, '/prom');
    expect(m.get('myapp_connections_current')).toBe(1);
    expect(m.get('myapp_connections_opened_total')).toBe(1);
    expect(m.count('myapp_rpc_requests_total', { method: 'ok', code: '0' })).toBe(1);
    expect(m.get('myapp_rpc_request_duration_seconds_count', { method: 'ok' })).toBe(1);
    expect(m.types.get('myapp_rpc_request_duration_seconds')).toBe('histogram');
    expect(m.samples.length).toBeGreaterThan(0);
    expect(m.samples.filter((s) => !s.name.startsWith('myapp_')).map((s) => s.name)).toEqual([]);
    expect([...m.types.keys()].filter((name) => !name.startsWith('myapp_'))).toEqual([]);
    expect(m.text).not.toContain('process_');
    expect(m.text).not.toContain('nodejs_');
    expect((await fetch(running.http('/metrics'))).status).toBe(404);
    expectPromtoolAccepts(m.text, 'myapp_');
  });
});

/** One module definition, imported by every app made from it, as an e2e suite's AppModule is. */
@Module({
  imports: [JsonRpcWsModule.forRoot({ metrics: true, anonymousTimeoutMs: 0 })],
  providers: [MetricsTestRpc],
})
class MetricsAppModule {}

// The tests below follow on from each other; an app a failing test leaves open is closed by the setup file.
describe('several apps with metrics: true in one process', () => {
  let a: RunningApp;
  let b: RunningApp;
  let c: RunningApp;
  let clientsOfA: TestClient[];
  let clientOfB: TestClient;

  it('serves each app its own figures while both are alive', async () => {
    a = await startApp({ imports: [MetricsAppModule] });
    b = await startApp({ imports: [MetricsAppModule] });
    clientsOfA = [await TestClient.connect(a.url()), await TestClient.connect(a.url())];
    clientOfB = await TestClient.connect(b.url());
    expect((await clientOfB.call('ok')).result).toBe(1);

    const [ofA, ofB] = [await scrape(a), await scrape(b)];
    expect(ofA.get(`${P}connections_current`)).toBe(2);
    expect(ofA.get(`${P}connections_opened_total`)).toBe(2);
    expect(ofA.count(`${P}rpc_requests_total`, { method: 'ok', code: '0' })).toBe(0);
    expect(ofB.get(`${P}connections_current`)).toBe(1);
    expect(ofB.get(`${P}connections_opened_total`)).toBe(1);
    expect(ofB.count(`${P}rpc_requests_total`, { method: 'ok', code: '0' })).toBe(1);
    // The process metrics appear in both, once (a repeated series fails the parse).
    for (const m of [ofA, ofB]) {
      expect(m.get('process_start_time_seconds')).toBeGreaterThan(0);
      expectPromtoolAccepts(m.text, P);
    }
  });

  it("keeps the other app's /metrics working when one closes", async () => {
    await a.app.close();
    await Promise.all(clientsOfA.map((client) => client.closed));
    await expect(fetch(a.http('/metrics'))).rejects.toThrow();

    const ofB = await scrape(b);
    expect(ofB.get(`${P}connections_current`)).toBe(1);
    expect(ofB.get(`${P}connections_opened_total`)).toBe(1);
    expect(ofB.count(`${P}rpc_requests_total`, { method: 'ok', code: '0' })).toBe(1);
    expect(ofB.get('process_start_time_seconds')).toBeGreaterThan(0);
  });

  it('starts the counts afresh in an app created after one closed', async () => {
    c = await startApp({
      imports: [JsonRpcWsModule.forRoot({ metrics: true })],
      providers: [MetricsTestRpc],
    });
    let ofC = await scrape(c);
    expect(ofC.get(`${P}connections_current`)).toBe(0);
    expect(ofC.get(`${P}connections_opened_total`)).toBe(0);

    const client = await TestClient.connect(c.url());
    expect((await client.call('ok')).result).toBe(1);
    ofC = await scrape(c);
    expect(ofC.get(`${P}connections_current`)).toBe(1);
    expect(ofC.get(`${P}connections_opened_total`)).toBe(1);
    expect(ofC.count(`${P}rpc_requests_total`, { method: 'ok', code: '0' })).toBe(1);
    expect(ofC.get('process_start_time_seconds')).toBeGreaterThan(0);

    const ofB = await scrape(b);
    expect(ofB.get(`${P}connections_current`)).toBe(1);
    expect(ofB.get(`${P}connections_opened_total`)).toBe(1);
    await client.close();
    await clientOfB.close();
    await c.app.close();
    await b.app.close();
  });
});

describe('metrics: { registerPrometheusModule: false } in several apps of one process', () => {
  const shared = (prefix?: string) =>
    JsonRpcWsModule.forRoot({ metrics: { prefix, registerPrometheusModule: false } });
  // The application's own PrometheusModule serves prom-client's default registry.
  const prometheus = () => PrometheusModule.register({ defaultMetrics: { enabled: false } });

  it('refuses a second app of the same prefix at bootstrap, saying what to do', async () => {
    const first = await startApp({ imports: [prometheus(), shared()] });
    const client = await TestClient.connect(first.url());

    const second = await Test.createTestingModule({ imports: [shared()] }).compile();
    await expect(second.init()).rejects.toThrow(
      new RegExp(
        `^JsonRpcWsModule: metric ${P}connections_opened_total \\(and \\d+ more\\) is already in prom-client's default registry.*Give this application another metrics\\.prefix`,
      ),
    );
    // Closing the refused app leaves the first one's series in place. (Nest 11's close()
    // rethrows the error its init ended with.)
    await second.close().catch(() => undefined);
    expect((await scrape(first)).get(`${P}connections_current`)).toBe(1);

    const other = await startApp({ imports: [shared('other_')] });
    const otherClient = await TestClient.connect(other.url());
    const m = await scrape(first);
    expect(m.get(`${P}connections_current`)).toBe(1);
    expect(m.get('other_connections_current')).toBe(1);
    await otherClient.close();
    await other.app.close();

    // Once the first app is closed, its names are free again.
    await client.close();
    await first.app.close();
    const next = await startApp({ imports: [prometheus(), shared()] });
    expect((await scrape(next)).get(`${P}connections_opened_total`)).toBe(0);
    await next.app.close();
  });
});
