import { findParamsViolation } from './params-inspector';

/** `depth` arrays nested in one another, built without recursion. */
function nestedArrays(depth: number, innermost: unknown[] = []): unknown[] {
  let value = innermost;
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

const tooDeep = (max: number) => `params are nested deeper than ${max} levels`;
const forbidden = (key: string) => `params must not contain the key "${key}"`;

describe('findParamsViolation', () => {
  it.each([[undefined], [null], [0], ['text'], [true]])(
    'finds nothing wrong with the non-container %p',
    (value) => {
      expect(findParamsViolation(value, 1)).toBeUndefined();
    },
  );

  it.each([
    ['an empty array', []],
    ['an empty object', {}],
    ['flat by-position params', [1, 'two', null, false]],
    ['flat by-name params', { a: 1, b: 'two', c: null }],
    ['a nested structure within the limit', { user: { tags: ['a'], address: { zip: '1' } } }],
  ])('accepts %s', (_label, params) => {
    expect(findParamsViolation(params, 32)).toBeUndefined();
  });

  describe('depth', () => {
    it('counts the params container itself as level 1', () => {
      expect(findParamsViolation([], 1)).toBeUndefined();
      expect(findParamsViolation({ a: 1 }, 1)).toBeUndefined();
      expect(findParamsViolation([[]], 1)).toBe(tooDeep(1));
      expect(findParamsViolation({}, 0)).toBe(tooDeep(0));
    });

    it('does not count primitive leaves as a level', () => {
      expect(findParamsViolation({ a: { b: 'leaf' } }, 2)).toBeUndefined();
      expect(findParamsViolation([[1, 2, 3]], 2)).toBeUndefined();
    });

    it('counts empty containers as a level', () => {
      expect(findParamsViolation({ a: { b: {} } }, 2)).toBe(tooDeep(2));
      expect(findParamsViolation({ a: { b: [] } }, 2)).toBe(tooDeep(2));
    });

    it('accepts exactly maxDepth levels and refuses maxDepth + 1', () => {
      expect(findParamsViolation(nestedArrays(32), 32)).toBeUndefined();
      expect(findParamsViolation(nestedArrays(33), 32)).toBe(tooDeep(32));
    });

    it('mixes objects and arrays in the count', () => {
      const params = { a: [{ b: [{ c: 1 }] }] };

      expect(findParamsViolation(params, 5)).toBeUndefined();
      expect(findParamsViolation(params, 4)).toBe(tooDeep(4));
    });

    it('finds a too-deep branch among shallow siblings, wherever it sits', () => {
      expect(findParamsViolation([nestedArrays(5), 1, {}], 4)).toBe(tooDeep(4));
      expect(findParamsViolation([1, {}, nestedArrays(5)], 4)).toBe(tooDeep(4));
      expect(findParamsViolation({ x: 1, y: { z: nestedArrays(4) } }, 5)).toBe(tooDeep(5));
    });

    it('walks a 100000-deep value without exhausting the stack', () => {
      const deep = nestedArrays(100_000);

      expect(findParamsViolation(deep, 100_000)).toBeUndefined();
      expect(findParamsViolation(deep, 99_999)).toBe(tooDeep(99_999));
      expect(findParamsViolation(deep, 32)).toBe(tooDeep(32));
    });

    it('handles a very wide value', () => {
      const wide = Array.from({ length: 100_000 }, (_, i) => ({ i }));

      expect(findParamsViolation(wide, 2)).toBeUndefined();
      expect(findParamsViolation(wide, 1)).toBe(tooDeep(1));
    });
  });

  describe('forbidden keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a top-level key', (key) => {
      const params = JSON.parse(`{"${key}":1}`);

      expect(findParamsViolation(params, 32)).toBe(forbidden(key));
    });

    it.each([
      ['in a nested object', '{"a":{"b":{"__proto__":{"polluted":true}}}}', '__proto__'],
      ['in an object inside an array', '[0,[{"ok":1},{"constructor":{}}]]', 'constructor'],
      ['at the deepest allowed level', '[[[{"prototype":null}]]]', 'prototype'],
    ])('refuses a forbidden key %s', (_label, json, key) => {
      expect(findParamsViolation(JSON.parse(json), 32)).toBe(forbidden(key));
    });

    it('refuses a forbidden key whatever its value, even a primitive or null', () => {
      expect(findParamsViolation(JSON.parse('{"__proto__":null}'), 32)).toBe(
        forbidden('__proto__'),
      );
      expect(findParamsViolation({ constructor: 'x' }, 32)).toBe(forbidden('constructor'));
    });

    it('refuses a forbidden key on an object with a null prototype', () => {
      const params = Object.create(null) as Record<string, unknown>;
      params.prototype = {};

      expect(findParamsViolation(params, 32)).toBe(forbidden('prototype'));
    });

    it('ignores keys an object only inherits', () => {
      class Point {
        constructor(
          public x: number,
          public y: number,
        ) {}
      }

      expect(findParamsViolation(new Point(1, 2), 32)).toBeUndefined();
      expect(findParamsViolation(Object.create({ constructor: 1 }), 32)).toBeUndefined();
    });

    it('accepts the forbidden words as values and look-alike keys', () => {
      const params = {
        proto: 1,
        __proto: 2,
        Constructor: 3,
        prototypes: 4,
        list: ['__proto__', 'constructor', 'prototype'],
      };

      expect(findParamsViolation(params, 32)).toBeUndefined();
    });

    it('does not alter the params it inspects', () => {
      const params = JSON.parse('{"a":[1,{"b":2}],"__proto__":{"c":3}}');
      const before = JSON.stringify(params);

      findParamsViolation(params, 32);

      expect(JSON.stringify(params)).toBe(before);
      expect(({} as Record<string, unknown>).c).toBeUndefined();
    });
  });
});
