import { findParamsViolation, ParamsLimits } from './params-inspector';

/** Limits on depth alone, as the depth cases test. */
const depthOnly = (maxDepth: number): ParamsLimits => ({
  maxDepth,
  maxNodes: Infinity,
  maxKeys: Infinity,
});

/** `depth` arrays nested in one another, built without recursion. */
function nestedArrays(depth: number, innermost: unknown[] = []): unknown[] {
  let value = innermost;
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

const tooDeep = (max: number) => `params are nested deeper than ${max} levels (maxParamsDepth)`;
const forbidden = (key: string) => `params must not contain the key "${key}"`;

describe('findParamsViolation', () => {
  it.each([[undefined], [null], [0], ['text'], [true]])(
    'finds nothing wrong with the non-container %p',
    (value) => {
      expect(findParamsViolation(value, depthOnly(1))).toBeUndefined();
    },
  );

  it.each([
    ['an empty array', []],
    ['an empty object', {}],
    ['flat by-position params', [1, 'two', null, false]],
    ['flat by-name params', { a: 1, b: 'two', c: null }],
    ['a nested structure within the limit', { user: { tags: ['a'], address: { zip: '1' } } }],
  ])('accepts %s', (_label, params) => {
    expect(findParamsViolation(params, depthOnly(32))).toBeUndefined();
  });

  describe('depth', () => {
    it('counts the params container itself as level 1', () => {
      expect(findParamsViolation([], depthOnly(1))).toBeUndefined();
      expect(findParamsViolation({ a: 1 }, depthOnly(1))).toBeUndefined();
      expect(findParamsViolation([[]], depthOnly(1))).toBe(tooDeep(1));
      expect(findParamsViolation({}, depthOnly(0))).toBe(tooDeep(0));
    });

    it('does not count primitive leaves as a level', () => {
      expect(findParamsViolation({ a: { b: 'leaf' } }, depthOnly(2))).toBeUndefined();
      expect(findParamsViolation([[1, 2, 3]], depthOnly(2))).toBeUndefined();
    });

    it('counts empty containers as a level', () => {
      expect(findParamsViolation({ a: { b: {} } }, depthOnly(2))).toBe(tooDeep(2));
      expect(findParamsViolation({ a: { b: [] } }, depthOnly(2))).toBe(tooDeep(2));
    });

    it('accepts exactly maxDepth levels and refuses maxDepth + 1', () => {
      expect(findParamsViolation(nestedArrays(32), depthOnly(32))).toBeUndefined();
      expect(findParamsViolation(nestedArrays(33), depthOnly(32))).toBe(tooDeep(32));
    });

    it('mixes objects and arrays in the count', () => {
      const params = { a: [{ b: [{ c: 1 }] }] };

      expect(findParamsViolation(params, depthOnly(5))).toBeUndefined();
      expect(findParamsViolation(params, depthOnly(4))).toBe(tooDeep(4));
    });

    it('finds a too-deep branch among shallow siblings, wherever it sits', () => {
      expect(findParamsViolation([nestedArrays(5), 1, {}], depthOnly(4))).toBe(tooDeep(4));
      expect(findParamsViolation([1, {}, nestedArrays(5)], depthOnly(4))).toBe(tooDeep(4));
      expect(findParamsViolation({ x: 1, y: { z: nestedArrays(4) } }, depthOnly(5))).toBe(
        tooDeep(5),
      );
    });

    it('walks a 100000-deep value without exhausting the stack', () => {
      const deep = nestedArrays(100_000);

      expect(findParamsViolation(deep, depthOnly(100_000))).toBeUndefined();
      expect(findParamsViolation(deep, depthOnly(99_999))).toBe(tooDeep(99_999));
      expect(findParamsViolation(deep, depthOnly(32))).toBe(tooDeep(32));
    });

    it('handles a very wide value', () => {
      const wide = Array.from({ length: 100_000 }, (_, i) => ({ i }));

      expect(findParamsViolation(wide, depthOnly(2))).toBeUndefined();
      expect(findParamsViolation(wide, depthOnly(1))).toBe(tooDeep(1));
    });
  });

  describe('forbidden keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a top-level key', (key) => {
      const params = JSON.parse(`{"${key}":1}`);

      expect(findParamsViolation(params, depthOnly(32))).toBe(forbidden(key));
    });

    it.each([
      ['in a nested object', '{"a":{"b":{"__proto__":{"polluted":true}}}}', '__proto__'],
      ['in an object inside an array', '[0,[{"ok":1},{"constructor":{}}]]', 'constructor'],
      ['at the deepest allowed level', '[[[{"prototype":null}]]]', 'prototype'],
    ])('refuses a forbidden key %s', (_label, json, key) => {
      expect(findParamsViolation(JSON.parse(json), depthOnly(32))).toBe(forbidden(key));
    });

    it('refuses a forbidden key whatever its value, even a primitive or null', () => {
      expect(findParamsViolation(JSON.parse('{"__proto__":null}'), depthOnly(32))).toBe(
        forbidden('__proto__'),
      );
      expect(findParamsViolation({ constructor: 'x' }, depthOnly(32))).toBe(
        forbidden('constructor'),
      );
    });

    it('refuses a forbidden key on an object with a null prototype', () => {
      const params = Object.create(null) as Record<string, unknown>;
      params.prototype = {};

      expect(findParamsViolation(params, depthOnly(32))).toBe(forbidden('prototype'));
    });

    it('ignores keys an object only inherits', () => {
      class Point {
        constructor(
          public x: number,
          public y: number,
        ) {}
      }

      expect(findParamsViolation(new Point(1, 2), depthOnly(32))).toBeUndefined();
      expect(findParamsViolation(Object.create({ constructor: 1 }), depthOnly(32))).toBeUndefined();
    });

    it('accepts the forbidden words as values and look-alike keys', () => {
      const params = {
        proto: 1,
        __proto: 2,
        Constructor: 3,
        prototypes: 4,
        list: ['__proto__', 'constructor', 'prototype'],
      };

      expect(findParamsViolation(params, depthOnly(32))).toBeUndefined();
    });

    it('does not alter the params it inspects', () => {
      const params = JSON.parse('{"a":[1,{"b":2}],"__proto__":{"c":3}}');
      const before = JSON.stringify(params);

      findParamsViolation(params, depthOnly(32));

      expect(JSON.stringify(params)).toBe(before);
      expect(({} as Record<string, unknown>).c).toBeUndefined();
    });
  });
});

describe('findParamsViolation: size', () => {
  const limits: ParamsLimits = { maxDepth: 32, maxNodes: 10, maxKeys: 4 };
  const objectWith = (keys: number) =>
    Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]));

  it('accepts exactly maxKeys keys in one object and refuses one more, naming the option', () => {
    expect(findParamsViolation(objectWith(4), limits)).toBeUndefined();
    expect(findParamsViolation({ nested: objectWith(5) }, limits)).toBe(
      'an object in params has more than 4 keys (maxParamsKeys)',
    );
  });

  it('counts keys and elements at every level against maxNodes', () => {
    // 2 keys + 4 elements + 3 keys = 9 values; then 3 + 4 + 4 = 11
    expect(findParamsViolation({ a: [1, 2, 3, { x: 1, y: 2, z: 3 }], b: 1 }, limits)).toBe(
      undefined,
    );
    expect(
      findParamsViolation({ a: [1, 2, 3, { x: 1, y: 2, z: 3, w: 4 }], b: 1, c: 1 }, limits),
    ).toBe('params hold more than 10 values (maxParamsNodes)');
    expect(
      findParamsViolation(
        Array.from({ length: 11 }, () => 0),
        limits,
      ),
    ).toBe('params hold more than 10 values (maxParamsNodes)');
  });

  it('stops at a key bomb before visiting its values', () => {
    const bomb = objectWith(100_000);
    expect(findParamsViolation(bomb, { maxDepth: 32, maxNodes: 100_000, maxKeys: 1000 })).toBe(
      'an object in params has more than 1000 keys (maxParamsKeys)',
    );
  });
});

describe('findParamsViolation work (property)', () => {
  /** A deterministic generator, so that a failure can be replayed. */
  function lcg(seed: number): () => number {
    let state = seed >>> 0;
    return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  }

  /** A random JSON value of about `size` values, mixing wide and deep objects and arrays. */
  function randomValue(random: () => number, size: number): { value: unknown; nodes: number } {
    let nodes = 0;
    const root: Record<string, unknown> = {};
    const containers: Array<Record<string, unknown> | unknown[]> = [root];
    while (nodes < size) {
      const parent = containers[Math.floor(random() * containers.length)]!;
      const roll = random();
      const child: unknown =
        roll < 0.1 ? {} : roll < 0.2 ? [] : roll < 0.6 ? random() : `s${nodes}`;
      if (Array.isArray(parent)) parent.push(child);
      else parent[`k${nodes}`] = child;
      nodes++;
      if (typeof child === 'object') containers.push(child as Record<string, unknown>);
    }
    return { value: root, nodes };
  }

  /** Counts every operation the walk makes on the value: key listings and property reads. */
  function counted(value: unknown, counter: { reads: number }): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = Array.isArray(value)
      ? value.map((item: unknown) => counted(item, counter))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, counted(v, counter)]));
    return new Proxy(target, {
      get: (object, key, receiver) => {
        counter.reads++;
        return Reflect.get(object, key, receiver) as unknown;
      },
      ownKeys: (object) => {
        counter.reads++;
        return Reflect.ownKeys(object);
      },
    });
  }

  const limits: ParamsLimits = { maxDepth: 10_000, maxNodes: 1_000_000, maxKeys: 100_000 };

  it('reads each value a bounded number of times: its work is linear in the size of the params', () => {
    const random = lcg(42);
    for (const size of [10, 100, 1_000, 10_000, 50_000]) {
      const { value, nodes } = randomValue(random, size);
      const counter = { reads: 0 };
      expect(findParamsViolation(counted(value, counter), limits)).toBeUndefined();
      // A key listing per object, a read per key, the array protocol's reads per element.
      expect(counter.reads).toBeLessThanOrEqual(4 * nodes + 8);
    }
  });

  it('stops within the bound it enforces, however large the params', () => {
    const random = lcg(7);
    const bounded: ParamsLimits = { maxDepth: 10_000, maxNodes: 1_000, maxKeys: 100_000 };
    for (const size of [5_000, 50_000]) {
      const { value } = randomValue(random, size);
      const counter = { reads: 0 };
      expect(findParamsViolation(counted(value, counter), bounded)).toContain('maxParamsNodes');
      // Keys are counted as soon as they are listed, before any value is read.
      expect(counter.reads).toBeLessThanOrEqual(4 * bounded.maxNodes + 8);
    }
  });
});
