import { readFileSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';
import { runInNewContext } from 'vm';
import { generateClient } from './generate-client';
import { GenerateClientError } from './generate-client.error';

const sample = JSON.parse(
  readFileSync(join(__dirname, '../../../../test/fixtures/openrpc/sample.openrpc.json'), 'utf8'),
) as Record<string, unknown>;

/** The module's JavaScript, run with a client that records what it is asked to send. */
function load(source: string) {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const exports: Record<string, any> = {};
  runInNewContext(outputText, { exports });
  const sent: unknown[][] = [];
  const client = {
    call: (...args: unknown[]) => (sent.push(['call', ...args]), Promise.resolve('answer')),
    notify: (...args: unknown[]) => (sent.push(['notify', ...args]), Promise.resolve()),
    on: (...args: unknown[]) => (sent.push(['on', ...args]), () => undefined),
  };
  return { api: exports.createApi(client), sent };
}

describe('generateClient', () => {
  const source = generateClient(sample);

  it('declares each component schema under its name, and each method its Params/Result', () => {
    expect(source).toContain('export interface ChatMessageInput {');
    expect(source).toContain("  format?: 'plain' | 'markdown';");
    expect(source).toContain('  attachment?: Attachment | null;');
    expect(source).toContain('export type Hit = Attachment & {');
    expect(source).toContain('  children?: Tree[];');
    expect(source).toContain(
      'export type MathAddParams = {\n  a: number;\n  /** The second addend. */\n  b: number;\n};',
    );
    expect(source).toContain('export type MathAddResult = number;');
    expect(source).toContain(
      'export type SubtractParams = [minuend: number, subtrahend?: number];',
    );
    expect(source).toContain('export type GetDataResult = [string, number];');
    expect(source).toContain("export type PingResult = 'pong';");
    expect(source).not.toContain('NotifyHelloResult'); // no result: a notification
  });

  it('imports only types, from nestjs-jsonrpc-ws/client or where it is told', () => {
    expect(source).toMatch(
      /^import type \{ CallOptions, JsonRpcClient, PublicationPosition \} from 'nestjs-jsonrpc-ws\/client';$/m,
    );
    expect(generateClient(sample, { importFrom: '../client' })).toContain("from '../client';");
  });

  it('sends each method by its name, params by name or by position, options passed on', async () => {
    const { api, sent } = load(source);
    await expect(api.math.add({ a: 1, b: 2 }, { timeout: 5 })).resolves.toBe('answer');
    await api.subtract([42, 23]);
    await api.chat.send({ room: 'lobby', message: { text: 'hi' } });
    await api['get-data']();
    await api.search();
    await api.notify_hello([7]);
    await api.ping();
    expect(sent).toEqual([
      ['call', 'math.add', { a: 1, b: 2 }, { timeout: 5 }],
      ['call', 'subtract', [42, 23], undefined],
      ['call', 'chat.send', { room: 'lobby', message: { text: 'hi' } }, undefined],
      ['call', 'get-data', undefined, undefined],
      // Every param optional: by name, an empty object rather than no params.
      ['call', 'search', {}, undefined],
      ['notify', 'notify_hello', [7]],
      ['call', 'ping', undefined, undefined],
    ]);
  });

  it('keeps a method that is also a namespace, as `chat_` beside `chat.send`', async () => {
    const { api, sent } = load(source);
    await api.chat_();
    expect(sent).toEqual([['call', 'chat', undefined, undefined]]);
    expect(typeof api.chat.send).toBe('function');
  });

  it('listens to notifications by name and by camel-cased shorthand', () => {
    const { api, sent } = load(source);
    const listener = () => undefined;
    api.on('session.shutdown', listener);
    api.on.chatMessage(listener);
    expect(sent).toEqual([
      ['on', 'session.shutdown', listener],
      ['on', 'chat.message', listener],
    ]);
    expect(source).toContain("  'chat.message': ChatMessageNotification;");
    expect(source).toContain('export type SessionShutdownNotification = {\n  reason: string;');
  });

  it('writes JSDoc from summaries, descriptions, errors, examples and deprecation', () => {
    expect(source).toContain(
      '       * Adds two numbers.\n       *\n       * @example api.math.add({ a: 1, b: 2 }) // → 3',
    );
    expect(source).toContain(
      '     * - [1] `subtrahend`: 0 when left out\n     * @throws {RpcError} -32602 Invalid params',
    );
    expect(source).toContain("    /** @deprecated */\n    'get-data':");
    expect(source).toContain(
      "  /** A message in a room the connection subscribed to. */\n  'chat.message'",
    );
  });

  it('takes params described whole (x-params-schema): optional when of any type', async () => {
    const { api, sent } = load(
      generateClient({
        openrpc: '1.3.2',
        info: { title: 'Whole', version: '1' },
        methods: [
          { name: 'echo', params: [], 'x-params-schema': {}, result: { name: 'r', schema: {} } },
          {
            name: 'sum',
            paramStructure: 'by-position',
            params: [],
            'x-params-schema': { type: 'array', items: { type: 'number' } },
            result: { name: 'r', schema: { type: 'number' } },
          },
        ],
      }),
    );
    await api.echo();
    await api.echo({ any: 'thing' });
    await api.sum([1, 2]);
    expect(sent).toEqual([
      ['call', 'echo', undefined, undefined],
      ['call', 'echo', { any: 'thing' }, undefined],
      ['call', 'sum', [1, 2], undefined],
    ]);
  });

  it('writes names that are no identifiers as quoted keys, and schema names that clash apart', () => {
    const odd = generateClient({
      openrpc: '1.3.0',
      info: { title: 'Odd */ title\u2028', version: '0\n1' },
      methods: [
        {
          name: 'on',
          summary: 'Two\nlines */ and\u2028a third',
          params: [],
          result: { name: 'r', schema: { $ref: '#/components/schemas/Promise' } },
        },
        { name: '__proto__', params: [], result: { name: 'r', schema: true } },
        { name: '1st.2nd', params: [], result: { name: 'r', schema: true } },
      ],
      components: { schemas: { Promise: { type: 'string' }, 'my-type': { type: 'number' } } },
      'x-notifications': [
        { name: 'name', params: [] },
        { name: 'error', params: [] },
      ],
    });
    expect(odd).toContain('export type Promise2 = string;');
    expect(odd).toContain('export type MyType = number;');
    expect(odd).toContain("'1st': {\n      '2nd':");
    expect(odd).toContain("['__proto__']:");
    const { api, sent } = load(odd);
    expect(Object.hasOwn(api, '__proto__')).toBe(true);
    api.on_(); // `on` is the notifications' at the root
    api.on('name', () => undefined); // no shorthand: `on.name` is the function's own
    expect(sent.map((entry) => entry.slice(0, 2).join(' '))).toEqual(['call on', 'on name']);
  });

  it('tells what it leaves out', () => {
    const warnings: string[] = [];
    generateClient(
      {
        openrpc: '1.3.2',
        info: { title: 'T', version: '1' },
        methods: [],
        'x-notifications': [{ name: 'error' }, { name: 'bind' }],
      },
      { onWarning: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual([
      'notification error left out: the client uses the name for its own event',
      "notification bind has no api.on.bind shorthand: use api.on('bind', listener)",
    ]);
  });

  it.each([
    [null, /not a JSON object/],
    [{ openrpc: '2.0.0', info: { title: 't', version: '1' }, methods: [] }, /1\.x version/],
    [{ openrpc: '1.3.2', methods: [] }, /"info"/],
    [{ openrpc: '1.3.2', info: { title: 't', version: '1' } }, /"methods" must be an array/],
    [
      { openrpc: '1.3.2', info: { title: 't', version: '1' }, methods: [{ name: 'a' }] },
      /methods\[0\] \(a\) has no "params"/,
    ],
    [
      {
        openrpc: '1.3.2',
        info: { title: 't', version: '1' },
        methods: [
          { name: 'a', params: [] },
          { name: 'a', params: [] },
        ],
      },
      /used twice/,
    ],
    [
      { openrpc: '1.3.2', info: { title: 't', version: '1' }, methods: [{ $ref: '#/nowhere' }] },
      /leads nowhere/,
    ],
  ])('refuses a document it cannot read (%#)', (document, message) => {
    expect(() => generateClient(document)).toThrow(GenerateClientError);
    expect(() => generateClient(document)).toThrow(message);
  });
});
