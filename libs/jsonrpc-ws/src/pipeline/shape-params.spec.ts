import { JsonRpcError } from '../errors/jsonrpc.error';
import { RpcMethodHandler } from '../discovery/rpc-method-handler';
import { shapeParams } from './shape-params';

function handler(paramNames?: string[]): RpcMethodHandler {
  return {
    name: 'subtract',
    owner: 'MathRpc.subtract',
    paramNames,
    invoke: () => Promise.resolve(undefined),
  };
}

describe('shapeParams', () => {
  describe('without paramNames', () => {
    it('hands by-position params over as they are', () => {
      const params = [42, 23];

      expect(shapeParams(handler(), params)).toBe(params);
    });

    it('hands by-name params over as they are', () => {
      const params = { minuend: 42, subtrahend: 23 };

      expect(shapeParams(handler(), params)).toBe(params);
    });

    it('hands absent params over as undefined', () => {
      expect(shapeParams(handler(), undefined)).toBeUndefined();
    });

    it('does not limit how many by-position params there are', () => {
      const params = Array.from({ length: 50 }, (_, i) => i);

      expect(shapeParams(handler(), params)).toBe(params);
    });
  });

  describe('with paramNames', () => {
    const names = ['minuend', 'subtrahend'];

    it('turns by-position params into by-name ones, in order', () => {
      expect(shapeParams(handler(names), [42, 23])).toStrictEqual({ minuend: 42, subtrahend: 23 });
      expect(shapeParams(handler(names), [23, 42])).toStrictEqual({ minuend: 23, subtrahend: 42 });
    });

    it('keeps each value as it is, objects by reference, null and falsy values included', () => {
      const payload = { deep: [1] };

      const shaped = shapeParams(handler(['a', 'b', 'c', 'd']), [payload, null, 0, false]);

      expect(shaped).toStrictEqual({ a: payload, b: null, c: 0, d: false });
      expect((shaped as Record<string, unknown>).a).toBe(payload);
    });

    it('leaves out the names of missing trailing params rather than setting them to undefined', () => {
      const shaped = shapeParams(handler(names), [42]);

      expect(shaped).toStrictEqual({ minuend: 42 });
      expect(shaped).not.toHaveProperty('subtrahend');
    });

    it('turns an empty by-position list into an empty object', () => {
      expect(shapeParams(handler(names), [])).toStrictEqual({});
    });

    it('hands by-name params over as they are, without checking them against the names', () => {
      const params = { minuend: 1, other: 2 };

      expect(shapeParams(handler(names), params)).toBe(params);
    });

    it('hands absent params over as undefined', () => {
      expect(shapeParams(handler(names), undefined)).toBeUndefined();
    });

    it('does not change the params array it was given', () => {
      const params = [42, 23];

      shapeParams(handler(names), params);

      expect(params).toEqual([42, 23]);
    });

    it('refuses more values than names with a -32602 JsonRpcError listing the names', () => {
      let thrown: unknown;
      try {
        shapeParams(handler(names), [1, 2, 3]);
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(JsonRpcError);
      expect((thrown as JsonRpcError).toErrorObject()).toStrictEqual({
        code: -32602,
        message: 'Invalid params',
        data: {
          reason: 'InvalidParams',
          detail: 'expected at most 2 params (minuend, subtrahend)',
        },
      });
    });

    it('refuses any value when the method declares no names at all', () => {
      expect(() => shapeParams(handler([]), [1])).toThrow(JsonRpcError);
      expect(shapeParams(handler([]), [])).toStrictEqual({});
    });
  });
});
