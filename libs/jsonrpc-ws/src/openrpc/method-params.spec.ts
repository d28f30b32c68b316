import { DtoSchemas } from './dto-schemas';
import { describeParams } from './method-params';

const object = {
  type: 'object',
  properties: { b: { type: 'number' }, a: { type: 'string' }, c: { type: 'boolean' } },
  required: ['a', 'b'],
};
class SomeDto {}
const dtos = () => new DtoSchemas(() => ({ SomeDto: object }));

describe('describeParams', () => {
  it("makes each of a DTO's properties a by-name param, required ones first", () => {
    expect(
      describeParams([{ data: undefined, type: SomeDto }], undefined, undefined, dtos()),
    ).toEqual({
      paramStructure: 'by-name',
      params: [
        { name: 'b', required: true, schema: { type: 'number' } },
        { name: 'a', required: true, schema: { type: 'string' } },
        { name: 'c', required: false, schema: { type: 'boolean' } },
      ],
    });
  });

  it('orders params as paramNames, which also allows positions', () => {
    const described = describeParams(
      [{ data: undefined, type: SomeDto }],
      undefined,
      ['a', 'c'],
      dtos(),
    );

    expect(described.paramStructure).toBe('either');
    expect(described.params.map((p) => p.name)).toEqual(['a', 'c', 'b']);
  });

  it('takes an object schema given as the params option like a DTO', () => {
    const described = describeParams([], { schema: object }, undefined, dtos());

    expect(described.params.map((p) => p.name)).toEqual(['b', 'a', 'c']);
  });

  it('puts params it cannot name under x-params-schema', () => {
    expect(
      describeParams([{ data: undefined, type: Object }], undefined, undefined, dtos()),
    ).toEqual({
      paramStructure: 'either',
      params: [],
      'x-params-schema': {},
    });
    const array = { type: 'array', items: { type: 'number' } };
    expect(describeParams([], { schema: array }, undefined, dtos())).toEqual({
      paramStructure: 'by-position',
      params: [],
      'x-params-schema': array,
    });
  });

  it('falls back to "any object" for a DTO without a known schema', () => {
    const described = describeParams(
      [{ data: undefined, type: SomeDto }],
      undefined,
      undefined,
      new DtoSchemas(() => ({})),
    );

    expect(described).toEqual({
      paramStructure: 'by-name',
      params: [],
      'x-params-schema': { type: 'object' },
    });
  });

  it('describes @RpcParams("name") and @RpcParams(0) params one by one', () => {
    expect(
      describeParams(
        [
          { data: 'key', type: String },
          { data: 'n', type: Number },
        ],
        undefined,
        undefined,
        dtos(),
      ),
    ).toEqual({
      paramStructure: 'by-name',
      params: [
        { name: 'key', required: true, schema: { type: 'string' } },
        { name: 'n', required: true, schema: { type: 'number' } },
      ],
    });
    expect(
      describeParams(
        [
          { data: 1, type: Boolean },
          { data: 0, type: Object },
        ],
        undefined,
        ['first'],
        dtos(),
      ),
    ).toEqual({
      paramStructure: 'by-position',
      params: [
        { name: 'first', required: true, schema: {} },
        { name: 'param1', required: true, schema: { type: 'boolean' } },
      ],
    });
  });

  it('has no params when the handler takes none', () => {
    expect(describeParams([], undefined, undefined, dtos())).toEqual({ params: [] });
  });
});
