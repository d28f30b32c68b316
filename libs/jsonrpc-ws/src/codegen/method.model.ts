import { docLines, jsdoc } from './jsdoc';
import type { JsonSchemaPrinter } from './json-schema.printer';
import type {
  ContentDescriptor,
  ErrorObject,
  ExamplePairing,
  MethodObject,
} from './openrpc-document';
import { jsLiteral } from './js-literal';
import { deref } from './openrpc-refs';
import { paramsShape, ParamsShape } from './params-shape';
import { NameRegistry, pascalCase } from './type-names';

/** What the module writer needs of one method: its types, declared, and its documentation. */
export interface MethodModel {
  name: string;
  params: ParamsShape;
  /** The alias of the params' type, unless `params.kind` is `none`. */
  paramsType?: string;
  /** Absent: the method is only ever sent as a notification (no `result` in the document). */
  resultType?: string;
  /** The `Params`/`Result` type aliases, in order. */
  declarations: string[];
  doc: string[];
  /** The document's example pairings, params and result as TypeScript source. */
  examples: Array<{ params: string; result?: string }>;
}

export interface ModelContext {
  document: unknown;
  printer: JsonSchemaPrinter;
  names: NameRegistry;
}

export function methodModel(method: MethodObject, context: ModelContext): MethodModel {
  const { document, printer, names } = context;
  const base = pascalCase(method.name, 'Method');
  const params = paramsShape(method, document, printer);
  const model: MethodModel = {
    name: method.name,
    params,
    declarations: [],
    doc: [],
    examples: examplesOf(method, params.kind, document),
  };
  if (params.kind !== 'none') {
    model.paramsType = names.claim(`${base}Params`);
    const how = params.kind === 'tuple' ? ', by position' : '';
    model.declarations.push(
      jsdoc([`Params of \`${method.name}\`${how}.`]) +
        `export type ${model.paramsType} = ${params.type};\n`,
    );
  }
  const extraDoc = [...params.doc];
  if (method.result !== undefined) {
    const result = deref<ContentDescriptor>(document, method.result);
    model.resultType = names.claim(`${base}Result`);
    model.declarations.push(
      jsdoc([`Result of \`${method.name}\`.`]) +
        `export type ${model.resultType} = ${printer.typeOf(result.schema)};\n`,
    );
    const returns = docLines({ summary: result.summary, description: result.description });
    if (returns.length > 0) extraDoc.push(`@returns ${returns.join(' ')}`);
  }
  for (const error of method.errors ?? []) {
    const { code, message } = deref<ErrorObject>(document, error);
    extraDoc.push(`@throws {RpcError} ${code} ${message}`);
  }
  model.doc = docLines(method, extraDoc);
  return model;
}

/** The example pairings' params as the generated function takes them: object, tuple or value. */
function examplesOf(
  method: MethodObject,
  kind: ParamsShape['kind'],
  document: unknown,
): MethodModel['examples'] {
  const descriptors = method.params.map((param) => deref<ContentDescriptor>(document, param));
  const examples = (method.examples ?? []).map((reference) => {
    const pairing = deref<ExamplePairing>(document, reference);
    const values = (pairing.params ?? []).map((param) =>
      deref<{ name?: string; value?: unknown }>(document, param),
    );
    const params =
      kind === 'object'
        ? Object.fromEntries(values.map((v, i) => [v.name ?? descriptors[i]?.name ?? i, v.value]))
        : kind === 'tuple'
          ? values.map((v) => v.value)
          : values[0]?.value;
    const result = pairing.result && deref<{ value?: unknown }>(document, pairing.result).value;
    return {
      params: kind === 'none' ? '' : jsLiteral(params),
      result: result === undefined ? undefined : jsLiteral(result),
    };
  });
  // A by-position and a by-name example of an `either` method read the same as an object.
  return [...new Map(examples.map((e) => [`${e.params} → ${e.result}`, e])).values()];
}
