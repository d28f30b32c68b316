import { DtoSchemas } from './dto-schemas';
import { buildOpenRpcDocument, DocumentFacts, MethodFacts } from './openrpc-document.builder';

const base: Omit<DocumentFacts, 'methods'> = {
  info: { title: 't', version: '1' },
  servers: [{ url: '/ws' }],
  notifications: [],
  libraryNotifications: [],
};
const facts = (method: Partial<MethodFacts> & { name: string }): MethodFacts => ({
  options: {},
  slots: [],
  guarded: false,
  rateLimited: false,
  ...method,
});
const build = (methods: MethodFacts[], extra: Partial<DocumentFacts> = {}) =>
  buildOpenRpcDocument({ ...base, methods, ...extra }, new DtoSchemas(() => ({})));

describe('buildOpenRpcDocument', () => {
  it('writes an OpenRPC 1.3 document with methods sorted by name', () => {
    const document = build([facts({ name: 'b' }), facts({ name: 'a' })]);

    expect(document.openrpc).toBe('1.3.2');
    expect(document.methods.map((m) => m.name)).toEqual(['a', 'b']);
    expect(document).not.toHaveProperty('components');
  });

  it('takes the result from the option, else from a reflected primitive, else any value', () => {
    const [declared, reflected, unknown] = build([
      facts({ name: 'a', options: { result: { schema: { type: 'null' } } }, returnType: Number }),
      facts({ name: 'b', returnType: Boolean }),
      facts({ name: 'c', returnType: Promise }),
    ]).methods;

    expect(declared!.result).toEqual({ name: 'result', schema: { type: 'null' } });
    expect(reflected!.result!.schema).toEqual({ type: 'boolean' });
    expect(unknown!.result!.schema).toEqual({});
  });

  it('carries summary, description, tags, deprecation, and examples as pairings', () => {
    const [method] = build([
      facts({
        name: 'subtract',
        slots: [
          { data: 0, type: Number },
          { data: 1, type: Number },
        ],
        options: {
          paramNames: ['minuend', 'subtrahend'],
          summary: 's',
          description: 'd',
          tags: ['math'],
          deprecated: true,
          examples: [{ name: 'ex', params: [42, 23], result: 19 }],
        },
      }),
    ]).methods;

    expect(method).toMatchObject({
      summary: 's',
      description: 'd',
      tags: [{ name: 'math' }],
      deprecated: true,
      examples: [
        {
          name: 'ex',
          params: [
            { name: 'minuend', value: 42 },
            { name: 'subtrahend', value: 23 },
          ],
          result: { name: 'result', value: 19 },
        },
      ],
    });
  });

  it('lists notifications under x-notifications, the library ones tagged built-in', () => {
    const document = build([], {
      notifications: [
        {
          name: 'z.app',
          summary: 'app',
          params: { schema: { type: 'object', properties: { a: {} } } },
        },
      ],
      libraryNotifications: [{ name: 'a.lib' }],
    });

    expect(document['x-notifications']).toEqual([
      {
        name: 'a.lib',
        tags: [{ name: 'built-in' }],
        paramStructure: 'either',
        params: [],
        'x-params-schema': {},
      },
      {
        name: 'z.app',
        summary: 'app',
        paramStructure: 'by-name',
        params: [{ name: 'a', required: false, schema: {} }],
      },
    ]);
  });
});
