import type { RpcParamsSlot } from '../discovery/rpc-metadata.accessor';
import type { DtoSchemas } from './dto-schemas';
import type { RpcSchemaSource } from './openrpc-options';
import type { JsonSchema, OpenRpcContentDescriptor, OpenRpcMethod } from './openrpc.types';
import { objectSchemaOf, schemaOfSource, schemaOfType } from './schema-source';

export type DescribedParams = Pick<OpenRpcMethod, 'params' | 'paramStructure' | 'x-params-schema'>;

/**
 * A method's params as OpenRPC sees them. A DTO (or an object schema) becomes one
 * by-name param per property — by position too, in `paramNames` order, when
 * `paramNames` is given; `@RpcParams('a')` / `@RpcParams(0)` are params of their
 * own; params taken whole with no properties known go to `x-params-schema`.
 */
export function describeParams(
  slots: RpcParamsSlot[],
  declared: RpcSchemaSource | undefined,
  paramNames: string[] | undefined,
  dtos: DtoSchemas,
): DescribedParams {
  const whole = slots.find((slot) => slot.data === undefined);
  if (declared !== undefined || whole) {
    const source: unknown = declared ?? whole!.type;
    const object = objectSchemaOf(source, dtos);
    if (object) return fromProperties(object, paramNames);
    const schema =
      declared !== undefined ? schemaOfSource(declared, dtos) : schemaOfType(whole!.type, dtos);
    return { paramStructure: structureOf(schema), params: [], 'x-params-schema': schema };
  }
  const named = slots.filter((slot) => typeof slot.data === 'string');
  if (named.length > 0) {
    const params = named.map((slot) =>
      param(String(slot.data), schemaOfType(slot.type, dtos), true),
    );
    return { paramStructure: 'by-name', params };
  }
  const positional = slots
    .filter((slot): slot is { data: number; type: unknown } => typeof slot.data === 'number')
    .sort((a, b) => a.data - b.data);
  if (positional.length === 0) return { params: [] };
  const params = positional.map(({ data, type }) =>
    param(paramNames?.[data] ?? `param${data}`, schemaOfType(type, dtos), true),
  );
  return { paramStructure: 'by-position', params };
}

function fromProperties(
  { properties, required }: { properties: Record<string, JsonSchema>; required: string[] },
  paramNames: string[] | undefined,
): DescribedParams {
  const describe = (name: string) => param(name, properties[name] ?? {}, required.includes(name));
  if (paramNames?.length) {
    // Positions follow paramNames; properties outside it can only be given by name.
    const rest = Object.keys(properties).filter((name) => !paramNames.includes(name));
    return { paramStructure: 'either', params: [...paramNames, ...rest].map(describe) };
  }
  // OpenRPC wants required params before optional ones.
  const names = Object.keys(properties);
  const ordered = [
    ...names.filter((name) => required.includes(name)),
    ...names.filter((name) => !required.includes(name)),
  ];
  return { paramStructure: 'by-name', params: ordered.map(describe) };
}

function param(name: string, schema: JsonSchema, required: boolean): OpenRpcContentDescriptor {
  return { name, required, schema };
}

function structureOf(schema: JsonSchema): OpenRpcMethod['paramStructure'] {
  if (schema.type === 'array') return 'by-position';
  if (schema.type === 'object') return 'by-name';
  return 'either';
}
