import {
  ParsedEntry,
  ParsedMessage,
  ParserLimits,
  parseMessage,
  validateRequest,
} from './jsonrpc.parser';

const limits: ParserLimits = {
  maxBatchSize: 100,
  params: { maxDepth: 32, maxNodes: 100_000, maxKeys: 1000 },
};

/** Parses a text holding one request and returns its entry, failing if it is not a single. */
function single(text: string, custom: ParserLimits = limits): ParsedEntry {
  const parsed = parseMessage(text, custom);
  if (parsed.kind !== 'single') throw new Error(`expected a single message, got ${parsed.kind}`);
  return parsed.entry;
}

function batch(text: string, custom: ParserLimits = limits): ParsedEntry[] {
  const parsed = parseMessage(text, custom);
  if (parsed.kind !== 'batch') throw new Error(`expected a batch, got ${parsed.kind}`);
  return parsed.entries;
}

/** A request text with the given raw JSON as params. */
function withParams(paramsJson: string, id = '1'): string {
  return `{"jsonrpc":"2.0","method":"m","params":${paramsJson},"id":${id}}`;
}

function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const invalidRequest = (id: string | number | null, detail: string): ParsedEntry => ({
  ok: false,
  id,
  error: { code: -32600, message: 'Invalid Request', data: { reason: 'InvalidRequest', detail } },
  notification: false,
});

describe('parseMessage', () => {
  describe('whole-message rejections', () => {
    it.each([
      ['truncated JSON', '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]'],
      ['an empty text', ''],
      ['a trailing comma', '{"jsonrpc":"2.0","method":"m",}'],
      ['a JavaScript literal', "{jsonrpc:'2.0'}"],
      ['a broken batch', '[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},'],
    ])('answers %s with a single -32700 whose id is null', (_label, text) => {
      expect(parseMessage(text, limits)).toEqual<ParsedMessage>({
        kind: 'rejected',
        response: {
          jsonrpc: '2.0',
          error: { code: -32700, message: 'Parse error', data: { reason: 'ParseError' } },
          id: null,
        },
      });
    });

    it('answers an empty batch with a single -32600, not with an empty array', () => {
      expect(parseMessage('[]', limits)).toEqual<ParsedMessage>({
        kind: 'rejected',
        response: {
          jsonrpc: '2.0',
          error: {
            code: -32600,
            message: 'Invalid Request',
            data: { reason: 'InvalidRequest', detail: 'an empty batch is not allowed' },
          },
          id: null,
        },
      });
    });

    it('answers a batch over maxBatchSize with a single -32600 that names the limit', () => {
      const entry = '{"jsonrpc":"2.0","method":"m","id":1}';
      const text = `[${Array.from({ length: 4 }, () => entry).join(',')}]`;

      expect(parseMessage(text, { ...limits, maxBatchSize: 3 })).toEqual<ParsedMessage>({
        kind: 'rejected',
        response: {
          jsonrpc: '2.0',
          error: {
            code: -32600,
            message: 'Invalid Request',
            data: {
              reason: 'InvalidRequest',
              detail: 'a batch may hold at most 3 requests',
              maxBatchSize: 3,
            },
          },
          id: null,
        },
      });
    });

    it('accepts a batch of exactly maxBatchSize entries', () => {
      const entry = '{"jsonrpc":"2.0","method":"m","id":1}';
      const text = `[${Array.from({ length: 3 }, () => entry).join(',')}]`;

      const entries = batch(text, { ...limits, maxBatchSize: 3 });

      expect(entries).toHaveLength(3);
      expect(entries.every((e) => e.ok)).toBe(true);
    });

    it('counts invalid entries towards maxBatchSize too', () => {
      expect(parseMessage('[1,2,3,4]', { ...limits, maxBatchSize: 3 }).kind).toBe('rejected');
    });
  });

  describe('batches', () => {
    it('answers each non-object entry with its own -32600 (spec example [1,2,3])', () => {
      expect(batch('[1,2,3]')).toEqual(
        Array.from({ length: 3 }, () => invalidRequest(null, 'a request must be an object')),
      );
    });

    it.each([['1'], ['"text"'], ['null'], ['true'], ['[]'], ['[{"jsonrpc":"2.0","method":"m"}]']])(
      'answers the non-object batch entry %s with -32600',
      (item) => {
        expect(batch(`[${item}]`)).toEqual([invalidRequest(null, 'a request must be an object')]);
      },
    );

    it('validates every entry on its own and keeps their order', () => {
      const entries = batch(
        `[
          {"jsonrpc":"2.0","method":"sum","params":[1,2,4],"id":"1"},
          {"jsonrpc":"2.0","method":"notify_hello","params":[7]},
          {"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":"2"},
          {"foo":"boo"},
          {"jsonrpc":"2.0","method":"foo.get","params":{"name":"myself"},"id":"5"},
          {"jsonrpc":"2.0","method":"get_data","id":"9"}
        ]`,
      );

      expect(entries).toEqual<ParsedEntry[]>([
        {
          ok: true,
          request: { jsonrpc: '2.0', method: 'sum', params: [1, 2, 4], id: '1' },
          notification: false,
        },
        {
          ok: true,
          request: { jsonrpc: '2.0', method: 'notify_hello', params: [7] },
          notification: true,
        },
        {
          ok: true,
          request: { jsonrpc: '2.0', method: 'subtract', params: [42, 23], id: '2' },
          notification: false,
        },
        invalidRequest(null, '"jsonrpc" must be exactly "2.0"'),
        {
          ok: true,
          request: { jsonrpc: '2.0', method: 'foo.get', params: { name: 'myself' }, id: '5' },
          notification: false,
        },
        {
          ok: true,
          request: { jsonrpc: '2.0', method: 'get_data', id: '9' },
          notification: false,
        },
      ]);
    });

    it('applies the params checks to each entry of a batch', () => {
      const entries = batch(
        `[${withParams('{"__proto__":1}', '1')},${withParams('[1]', '2')},${withParams(nestedArrays(40), '3')}]`,
      );

      expect(entries.map((e) => (e.ok ? 'ok' : e.error.code))).toEqual([-32602, 'ok', -32602]);
    });
  });

  describe('a single non-array value', () => {
    it.each([['null'], ['1'], ['"a string"'], ['true']])(
      'answers the JSON value %s with -32600 and id null',
      (text) => {
        expect(single(text)).toEqual(invalidRequest(null, 'a request must be an object'));
      },
    );
  });

  describe('id', () => {
    it.each<[string, string | number | null]>([
      ['"abc"', 'abc'],
      ['""', ''],
      ['1', 1],
      ['0', 0],
      ['-7', -7],
      ['1.5', 1.5],
      ['null', null],
    ])('echoes the id %s in the request', (json, id) => {
      const entry = single(`{"jsonrpc":"2.0","method":"m","id":${json}}`);

      expect(entry).toEqual({
        ok: true,
        request: { jsonrpc: '2.0', method: 'm', id },
        notification: false,
      });
    });

    it('treats a request without id as a notification, with no id member at all', () => {
      const entry = single('{"jsonrpc":"2.0","method":"update","params":[1,2,3,4,5]}');

      expect(entry).toEqual({
        ok: true,
        request: { jsonrpc: '2.0', method: 'update', params: [1, 2, 3, 4, 5] },
        notification: true,
      });
      expect(entry.ok && 'id' in entry.request).toBe(false);
    });

    it('treats id null as a request to answer, not as a notification', () => {
      const entry = single('{"jsonrpc":"2.0","method":"m","id":null}');

      expect(entry.notification).toBe(false);
      expect(entry.ok && 'id' in entry.request).toBe(true);
    });

    it.each([['true'], ['false'], ['{}'], ['{"a":1}'], ['[1]'], ['[]']])(
      'answers the id %s with -32600 and id null',
      (json) => {
        expect(single(`{"jsonrpc":"2.0","method":"m","id":${json}}`)).toEqual(
          invalidRequest(null, '"id" must be a string, a number or null'),
        );
      },
    );

    it('reports an invalid id before a missing jsonrpc member', () => {
      expect(single('{"method":"m","id":true}')).toEqual(
        invalidRequest(null, '"id" must be a string, a number or null'),
      );
    });
  });

  describe('jsonrpc member', () => {
    it.each([
      ['missing', '{"method":"m","id":4}'],
      ['"1.0"', '{"jsonrpc":"1.0","method":"m","id":4}'],
      ['the number 2.0', '{"jsonrpc":2.0,"method":"m","id":4}'],
      ['"2"', '{"jsonrpc":"2","method":"m","id":4}'],
      ['null', '{"jsonrpc":null,"method":"m","id":4}'],
    ])('answers a jsonrpc member that is %s with -32600 and the request id', (_label, text) => {
      expect(single(text)).toEqual(invalidRequest(4, '"jsonrpc" must be exactly "2.0"'));
    });

    it('answers an invalid request without id (the spec example) with id null', () => {
      expect(single('{"jsonrpc": "2.0", "method": 1, "params": "bar"}')).toEqual(
        invalidRequest(null, '"method" must be a string'),
      );
    });
  });

  describe('method member', () => {
    it.each([
      ['missing', '{"jsonrpc":"2.0","id":"x"}'],
      ['a number', '{"jsonrpc":"2.0","method":1,"id":"x"}'],
      ['null', '{"jsonrpc":"2.0","method":null,"id":"x"}'],
      ['an array', '{"jsonrpc":"2.0","method":["m"],"id":"x"}'],
      ['an object', '{"jsonrpc":"2.0","method":{},"id":"x"}'],
    ])('answers a method that is %s with -32600 and the request id', (_label, text) => {
      expect(single(text)).toEqual(invalidRequest('x', '"method" must be a string'));
    });
  });

  describe('params member', () => {
    it.each([['null'], ['"bar"'], ['42'], ['true'], ['false'], ['0']])(
      'answers params %s with -32600 and the request id',
      (json) => {
        expect(single(withParams(json, '"p"'))).toEqual(
          invalidRequest('p', '"params" must be an array or an object'),
        );
      },
    );

    it('still answers an invalid params type without id (an invalid request is never silent)', () => {
      expect(single('{"jsonrpc":"2.0","method":"m","params":"bar"}')).toEqual(
        invalidRequest(null, '"params" must be an array or an object'),
      );
    });

    it.each([['[]'], ['{}'], ['[1,"two",null,{"three":[3]}]'], ['{"a":{"b":[1,{"c":null}]}}']])(
      'keeps the params %s exactly',
      (json) => {
        const entry = single(withParams(json));

        expect(entry).toEqual({
          ok: true,
          request: { jsonrpc: '2.0', method: 'm', params: JSON.parse(json), id: 1 },
          notification: false,
        });
      },
    );

    it('omits params from the request when the message has none', () => {
      const entry = single('{"jsonrpc":"2.0","method":"m","id":1}');

      expect(entry.ok && 'params' in entry.request).toBe(false);
    });

    it('drops members JSON-RPC does not define', () => {
      const entry = single('{"jsonrpc":"2.0","method":"m","id":1,"extra":"x","user":"admin"}');

      expect(entry).toStrictEqual({
        ok: true,
        request: { jsonrpc: '2.0', method: 'm', id: 1 },
        notification: false,
      });
    });
  });

  describe('params with keys that reach Object.prototype', () => {
    afterEach(() => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it.each([
      ['__proto__ at the top', '{"__proto__":1}', '__proto__'],
      ['__proto__ holding an object', '{"__proto__":{"polluted":true}}', '__proto__'],
      ['constructor at the top', '{"constructor":{"prototype":{"polluted":true}}}', 'constructor'],
      ['prototype at the top', '{"prototype":{"polluted":true}}', 'prototype'],
      ['__proto__ nested in an object', '{"a":{"b":{"__proto__":{"polluted":true}}}}', '__proto__'],
      ['constructor inside an array', '[1,{"ok":true},{"constructor":1}]', 'constructor'],
      ['prototype deep in arrays', '[[[[{"x":[{"prototype":null}]}]]]]', 'prototype'],
    ])('answers %s with -32602 and the request id', (_label, json, key) => {
      expect(single(withParams(json, '"k"'))).toEqual<ParsedEntry>({
        ok: false,
        id: 'k',
        error: {
          code: -32602,
          message: 'Invalid params',
          data: { reason: 'InvalidParams', detail: `params must not contain the key "${key}"` },
        },
        notification: false,
      });
    });

    it('marks a notification with a forbidden key as a notification, with id null', () => {
      const entry = single('{"jsonrpc":"2.0","method":"m","params":{"__proto__":{"polluted":1}}}');

      expect(entry).toMatchObject({ ok: false, id: null, notification: true });
      expect(!entry.ok && entry.error.code).toBe(-32602);
    });

    it('lets similar but harmless keys and values through', () => {
      const json = '{"proto":1,"__proto":2,"Constructor":3,"prototypes":4,"v":"__proto__"}';

      expect(single(withParams(json)).ok).toBe(true);
    });
  });

  describe('params depth', () => {
    it('accepts params exactly maxParamsDepth deep and refuses one level more', () => {
      expect(single(withParams(nestedArrays(32))).ok).toBe(true);
      expect(single(withParams(nestedArrays(33)))).toEqual<ParsedEntry>({
        ok: false,
        id: 1,
        error: {
          code: -32602,
          message: 'Invalid params',
          data: {
            reason: 'InvalidParams',
            detail: 'params are nested deeper than 32 levels (maxParamsDepth)',
          },
        },
        notification: false,
      });
    });

    it('counts objects and arrays alike, and follows the configured limit', () => {
      const custom = { ...limits, params: { ...limits.params, maxDepth: 3 } };

      expect(single(withParams('{"a":[{"b":1}]}'), custom).ok).toBe(true);
      expect(single(withParams('{"a":[{"b":{}}]}'), custom)).toMatchObject({
        ok: false,
        error: {
          code: -32602,
          data: { detail: 'params are nested deeper than 3 levels (maxParamsDepth)' },
        },
      });
    });

    it('parses a 100000-deep nested array without throwing and refuses it with -32602', () => {
      const text = withParams(nestedArrays(100_000));

      let entry: ParsedEntry | undefined;
      expect(() => (entry = single(text))).not.toThrow();
      expect(entry).toMatchObject({ ok: false, id: 1, error: { code: -32602 } });
    });

    it('walks a 100000-deep value without recursion when the limit allows it', () => {
      const entry = single(withParams(nestedArrays(100_000)), {
        ...limits,
        params: { ...limits.params, maxDepth: 100_000 },
      });

      expect(entry.ok).toBe(true);
    });
  });
});

describe('validateRequest', () => {
  it('keeps the very params value it was given', () => {
    const params = { list: [1, 2], nested: { a: null } };

    const entry = validateRequest({ jsonrpc: '2.0', method: 'm', params, id: 7 }, limits);

    expect(entry.ok && entry.request.params).toBe(params);
    expect(params).toEqual({ list: [1, 2], nested: { a: null } });
  });

  it('treats an id inherited from the prototype as absent', () => {
    const value = Object.create({ id: 5 }) as Record<string, unknown>;
    value.jsonrpc = '2.0';
    value.method = 'm';

    expect(validateRequest(value, limits)).toEqual({
      ok: true,
      request: { jsonrpc: '2.0', method: 'm' },
      notification: true,
    });
  });

  it.each([[undefined], [null], [[]], ['{"jsonrpc":"2.0","method":"m"}']])(
    'refuses %p as a request',
    (value) => {
      expect(validateRequest(value, limits)).toEqual(
        invalidRequest(null, 'a request must be an object'),
      );
    },
  );
});
