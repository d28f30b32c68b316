import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsModuleOptions } from './jsonrpc-ws-options.interface';
import { DEFAULT_OPTIONS, resolveOptions } from './jsonrpc-ws-options.resolver';

/** Runs resolveOptions and returns what it threw, failing if it threw nothing. */
function thrownBy(options: unknown): unknown {
  try {
    resolveOptions(options as JsonRpcWsModuleOptions);
  } catch (error) {
    return error;
  }
  throw new Error(`resolveOptions accepted ${JSON.stringify(options)}`);
}

describe('resolveOptions', () => {
  const defaults = {
    path: '/ws',
    maxPayload: 1048576,
    maxBatchSize: 100,
    maxParamsDepth: 32,
    maxParamsNodes: 100_000,
    maxParamsKeys: 1000,
    maxRejections: 100,
    rejectionWindowMs: 10_000,
    allowedOrigins: 'same-origin',
    builtInMethods: { heartbeat: true, login: true, subscribe: true, discover: true },
    maxConnections: 10000,
    maxConnectionsPerUser: 10,
    maxConnectionsPerPlatform: 1,
    platformLimitPolicy: 'kick-oldest',
    defaultPlatform: 'default',
    // Without verifyToken or authenticate nothing can log a client in: no anonymous timeout.
    anonymousTimeoutMs: 0,
    heartbeatTimeoutMs: 60000,
    pingIntervalMs: 25000,
    subscribeRequiresLogin: true,
    maxTopicsPerConnection: 100,
    maxBufferedBytes: 1048576,
    slowConsumerPolicy: 'disconnect',
    maxInFlightPerConnection: 64,
    rateLimit: { limit: 100, windowMs: 1000, by: 'connection', methods: {} },
    history: { topics: [], maxRecovered: 300, metaTtlMs: 86_400_000, positionCheckMs: 40_000 },
    logCalls: false,
    shutdownTimeoutMs: 10000,
    reconnectAfterMs: [1000, 5000],
  };

  describe('defaults', () => {
    it('applies every default when called with no options', () => {
      expect(resolveOptions()).toStrictEqual(defaults);
    });

    it('applies every default for an empty object', () => {
      expect(resolveOptions({})).toStrictEqual(defaults);
    });

    it('treats options explicitly set to undefined as absent', () => {
      expect(
        resolveOptions({
          path: undefined,
          maxPayload: undefined,
          maxBatchSize: undefined,
          maxParamsDepth: undefined,
          allowedOrigins: undefined,
          authenticate: undefined,
        }),
      ).toStrictEqual(defaults);
    });

    it('keeps the defaults for the options not given', () => {
      expect(resolveOptions({ maxBatchSize: 10 })).toStrictEqual({ ...defaults, maxBatchSize: 10 });
    });

    it('exports the same defaults it applies, and does not change them', () => {
      resolveOptions({ path: '/rpc', maxPayload: 10, allowedOrigins: '*' });

      // The exported anonymous timeout is the one that applies once clients can log in.
      expect(DEFAULT_OPTIONS).toStrictEqual({ ...defaults, anonymousTimeoutMs: 30000 });
    });

    it('applies the 30 s anonymous timeout when verifyToken or authenticate is set', () => {
      const verifyToken = () => undefined;
      expect(resolveOptions({ verifyToken }).anonymousTimeoutMs).toBe(30000);
      expect(resolveOptions({ authenticate: () => true }).anonymousTimeoutMs).toBe(30000);
      expect(resolveOptions({ verifyToken, anonymousTimeoutMs: 5 }).anonymousTimeoutMs).toBe(5);
      expect(resolveOptions({ anonymousTimeoutMs: 5 }).anonymousTimeoutMs).toBe(5);
    });
  });

  describe('valid options', () => {
    it('keeps every valid value given', () => {
      const authenticate = () => true;
      const allowedOrigins = ['https://app.example.com'];

      const resolved = resolveOptions({
        path: '/api/rpc-v2',
        maxPayload: 1,
        maxBatchSize: 1,
        maxParamsDepth: 1,
        maxParamsNodes: 10,
        maxParamsKeys: 5,
        maxRejections: 3,
        rejectionWindowMs: 500,
        allowedOrigins,
        authenticate,
      });

      expect(resolved).toStrictEqual({
        ...defaults,
        path: '/api/rpc-v2',
        maxPayload: 1,
        maxBatchSize: 1,
        maxParamsDepth: 1,
        maxParamsNodes: 10,
        maxParamsKeys: 5,
        maxRejections: 3,
        rejectionWindowMs: 500,
        allowedOrigins,
        authenticate,
        // With a way to log in, the anonymous timeout applies.
        anonymousTimeoutMs: 30000,
      });
      expect(resolved.authenticate).toBe(authenticate);
    });

    it.each([['/'], ['/ws'], ['/a/b/c'], ['/with-dash_and.dot'], ['/%20encoded']])(
      'accepts the path %p',
      (path) => {
        expect(resolveOptions({ path }).path).toBe(path);
      },
    );

    it.each<[JsonRpcWsModuleOptions['allowedOrigins']]>([
      ['same-origin'],
      ['*'],
      [[]],
      [['https://a.example', 'http://localhost:3000']],
      [() => true],
    ])('accepts allowedOrigins %p', (allowedOrigins) => {
      expect(resolveOptions({ allowedOrigins }).allowedOrigins).toBe(allowedOrigins);
    });

    it('accepts the largest safe integer as a limit', () => {
      expect(resolveOptions({ maxPayload: Number.MAX_SAFE_INTEGER }).maxPayload).toBe(
        Number.MAX_SAFE_INTEGER,
      );
    });
  });

  describe('invalid options', () => {
    it.each<[string, unknown]>([
      ['path', ''],
      ['path', 'ws'],
      ['path', '/w s'],
      ['path', '/ws?token=1'],
      ['path', '/ws#x'],
      ['path', 'http://host/ws'],
      ['path', 42],
      ['path', null],
      ['maxPayload', 0],
      ['maxPayload', -1],
      ['maxPayload', 1.5],
      ['maxPayload', NaN],
      ['maxPayload', Infinity],
      ['maxPayload', 2 ** 53],
      ['maxPayload', '1024'],
      ['maxPayload', null],
      ['maxBatchSize', 0],
      ['maxBatchSize', -5],
      ['maxBatchSize', 2.5],
      ['maxBatchSize', '100'],
      ['maxParamsDepth', 0],
      ['maxParamsDepth', -1],
      ['maxParamsDepth', 0.5],
      ['maxParamsDepth', true],
      ['maxParamsNodes', 0],
      ['maxParamsKeys', 0.5],
      ['allowedOrigins', 'any'],
      ['allowedOrigins', ''],
      ['allowedOrigins', ['https://a.example', 1]],
      ['allowedOrigins', { origin: 'https://a.example' }],
      ['allowedOrigins', true],
      ['allowedOrigins', null],
      ['authenticate', 'token'],
      ['authenticate', {}],
      ['authenticate', null],
    ])('refuses %s = %p with a JsonRpcWsBootstrapError naming it', (option, value) => {
      const error = thrownBy({ [option]: value });

      expect(error).toBeInstanceOf(JsonRpcWsBootstrapError);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('JsonRpcWsBootstrapError');
      expect((error as Error).message).toContain(`option "${option}"`);
    });

    it('says what was expected and what was given', () => {
      expect(thrownBy({ maxBatchSize: -3 })).toHaveProperty(
        'message',
        'JsonRpcWsModule: option "maxBatchSize" must be a positive integer (got -3)',
      );
      expect(thrownBy({ path: 'ws' })).toHaveProperty(
        'message',
        'JsonRpcWsModule: option "path" must be a URL path starting with "/" (got "ws")',
      );
      expect(thrownBy({ allowedOrigins: 'any' })).toHaveProperty(
        'message',
        `JsonRpcWsModule: option "allowedOrigins" must be 'same-origin', '*', an array of origins or a function (got "any")`,
      );
      expect(thrownBy({ authenticate: 'token' })).toHaveProperty(
        'message',
        'JsonRpcWsModule: option "authenticate" must be a function (got "token")',
      );
    });

    it('names only the invalid option when the others are valid', () => {
      const error = thrownBy({ path: '/ws', maxPayload: 10, maxParamsDepth: 0 }) as Error;

      expect(error.message).toContain('"maxParamsDepth"');
      expect(error.message).not.toContain('"maxPayload"');
    });
  });
});
