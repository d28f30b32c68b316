import { JsonSchemaPrinter } from './json-schema.printer';
import type { JsonSchema } from './openrpc-document';

const document = {
  components: { schemas: { User: {}, 'user-list': {} } },
  definitions: {
    Id: { type: 'string' },
    Loop: { type: 'array', items: { $ref: '#/definitions/Loop' } },
  },
};
const names: Record<string, string> = { User: 'User', 'user-list': 'UserList' };
const printer = new JsonSchemaPrinter(document, (component) => names[component]);
const typeOf = (schema: JsonSchema) => printer.typeOf(schema);
/** The type on one line, for types whose line breaks do not matter to the test. */
const flat = (schema: JsonSchema) => typeOf(schema).replace(/\n\s*/g, ' ');

describe('JsonSchemaPrinter', () => {
  it('prints primitives, integer as number, and true/{}/false as unknown/unknown/never', () => {
    expect(typeOf({ type: 'string' })).toBe('string');
    expect(typeOf({ type: 'integer' })).toBe('number');
    expect(typeOf({ type: 'number' })).toBe('number');
    expect(typeOf({ type: 'boolean' })).toBe('boolean');
    expect(typeOf({ type: 'null' })).toBe('null');
    expect(typeOf(true)).toBe('unknown');
    expect(typeOf({})).toBe('unknown');
    expect(typeOf(false)).toBe('never');
    expect(typeOf({ type: 'no-such-type' })).toBe('unknown');
  });

  it('prints type arrays, nullable and enums as unions, const as a literal', () => {
    expect(typeOf({ type: ['string', 'null'] })).toBe('string | null');
    expect(typeOf({ type: 'integer', nullable: true })).toBe('number | null');
    expect(typeOf({ enum: ['plain', "it's", 2, true, null] })).toBe(
      "'plain' | 'it\\'s' | 2 | true | null",
    );
    expect(typeOf({ type: 'string', enum: [] })).toBe('never');
    expect(typeOf({ const: 'pong' })).toBe("'pong'");
    expect(typeOf({ const: { a: [1, 'x'] } })).toBe("{ a: [1, 'x'] }");
  });

  it('prints objects: required members bare, the others optional, odd keys quoted', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        'display-name': { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['id', 'owner'],
    };
    expect(typeOf(schema)).toBe(
      "{\n  id: number;\n  'display-name'?: string;\n  tags?: string[];\n  owner: unknown;\n}",
    );
  });

  it('keeps objects closed unless additionalProperties gives a schema; indexes the rest', () => {
    expect(flat({ type: 'object', properties: { a: { type: 'string' } } })).toBe('{ a?: string; }');
    expect(flat({ type: 'object' })).toBe('{ [key: string]: unknown; }');
    expect(flat({ type: 'object', additionalProperties: { type: 'number' } })).toBe(
      '{ [key: string]: number; }',
    );
    expect(flat({ type: 'object', additionalProperties: false })).toBe('{ [key: string]: never; }');
    // With named members the index signature has to admit theirs: unknown.
    expect(
      flat({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }),
    ).toBe('{ a?: string; [key: string]: unknown; }');
    expect(flat({ patternProperties: { '^x-': { type: 'string' } } })).toBe(
      '{ [key: string]: string; }',
    );
  });

  it('indents nested objects and documents members with description, default and deprecated', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        inner: {
          type: 'object',
          description: 'Nested */ safely.',
          properties: { limit: { type: 'integer', default: 10, deprecated: true } },
        },
      },
    };
    expect(typeOf(schema)).toBe(
      [
        '{',
        '  /** Nested *\\/ safely. */',
        '  inner?: {',
        '    /**',
        '     * @default 10',
        '     * @deprecated',
        '     */',
        '    limit?: number;',
        '  };',
        '}',
      ].join('\n'),
    );
  });

  it('prints arrays, parenthesising unions, and tuples by minItems and additionalItems', () => {
    expect(typeOf({ type: 'array' })).toBe('unknown[]');
    expect(typeOf({ items: { type: ['string', 'number'] } })).toBe('(string | number)[]');
    expect(
      typeOf({ type: 'array', items: [{ type: 'string' }, { type: 'number' }], minItems: 1 }),
    ).toBe('[string, number?]');
    expect(
      typeOf({ items: [{ type: 'string' }], minItems: 1, additionalItems: { type: 'boolean' } }),
    ).toBe('[string, ...boolean[]]');
    expect(typeOf({ prefixItems: [{ type: 'string' }], items: false, minItems: 1 })).toBe(
      '[string]',
    );
  });

  it('prints anyOf/oneOf as unions and allOf as intersections, parenthesised where needed', () => {
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('string | number');
    expect(typeOf({ oneOf: [{ $ref: '#/components/schemas/User' }, { type: 'null' }] })).toBe(
      'User | null',
    );
    expect(typeOf({ anyOf: [{ type: 'string' }, {}] })).toBe('unknown');
    expect(
      typeOf({
        allOf: [
          { $ref: '#/components/schemas/User' },
          { anyOf: [{ $ref: '#/components/schemas/user-list' }, { type: 'null' }] },
        ],
      }),
    ).toBe('User & (UserList | null)');
    expect(
      typeOf({
        anyOf: [
          {
            allOf: [
              { $ref: '#/components/schemas/User' },
              { $ref: '#/components/schemas/user-list' },
            ],
          },
          { type: 'string' },
        ],
      }),
    ).toBe('(User & UserList) | string');
  });

  it('names component refs, inlines local ones, types a self-reference or an outside one unknown', () => {
    expect(typeOf({ $ref: '#/components/schemas/user-list' })).toBe('UserList');
    expect(typeOf({ $ref: '#/definitions/Id' })).toBe('string');
    expect(typeOf({ $ref: '#/definitions/Loop' })).toBe('unknown[]');
    expect(() => typeOf({ $ref: '#/definitions/Missing' })).toThrow(/leads nowhere/);
    const external: string[] = [];
    const fetchesNothing = new JsonSchemaPrinter(
      document,
      () => undefined,
      (ref) => {
        external.push(ref);
      },
    );
    expect(fetchesNothing.typeOf({ $ref: 'https://example.com/schema.json' })).toBe('unknown');
    expect(external).toEqual(['https://example.com/schema.json']);
  });

  it('declares plain object schemas as interfaces and everything else as type aliases', () => {
    expect(
      printer.declaration('Point', {
        type: 'object',
        title: 'A point',
        properties: { x: { type: 'number' } },
        required: ['x'],
      }),
    ).toBe('/** A point */\nexport interface Point {\n  x: number;\n}\n');
    expect(printer.declaration('Color', { enum: ['red', 'green'], deprecated: true })).toBe(
      "/** @deprecated */\nexport type Color = 'red' | 'green';\n",
    );
    expect(printer.declaration('Maybe', { type: ['object', 'null'], properties: {} })).toBe(
      'export type Maybe = {\n  [key: string]: unknown;\n} | null;\n',
    );
  });
});
