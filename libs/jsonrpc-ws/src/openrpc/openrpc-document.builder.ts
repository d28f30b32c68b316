import type { RpcMethodOptions } from '../decorators/rpc-method.decorator';
import type { RpcParamsSlot } from '../discovery/rpc-metadata.accessor';
import { DtoSchemas } from './dto-schemas';
import { errorsOf } from './method-errors';
import { describeParams } from './method-params';
import type { RpcMethodExample, RpcNotificationDeclaration } from './openrpc-options';
import type {
  OpenRpcContentDescriptor,
  OpenRpcDocument,
  OpenRpcExamplePairing,
  OpenRpcInfo,
  OpenRpcMethod,
  OpenRpcNotification,
  OpenRpcServer,
} from './openrpc.types';
import { schemaOfSource, schemaOfType } from './schema-source';

/** The OpenRPC version written. */
export const OPENRPC_VERSION = '1.3.2';

/** What is known about one registered method. */
export interface MethodFacts {
  name: string;
  options: RpcMethodOptions;
  slots: RpcParamsSlot[];
  /** `design:returntype`: a primitive's constructor says something, `Promise` or `Object` nothing. */
  returnType?: unknown;
  guarded: boolean;
  rateLimited: boolean;
}

export interface DocumentFacts {
  info: OpenRpcInfo;
  servers: OpenRpcServer[];
  methods: MethodFacts[];
  /** The application's notifications. */
  notifications: RpcNotificationDeclaration[];
  /** The library's own, tagged `built-in`. */
  libraryNotifications: RpcNotificationDeclaration[];
}

/** The OpenRPC document of the facts, methods and notifications sorted by name. */
export function buildOpenRpcDocument(
  facts: DocumentFacts,
  dtos: DtoSchemas = new DtoSchemas(),
): OpenRpcDocument {
  const methods = [...facts.methods]
    .sort((a, b) => compare(a.name, b.name))
    .map((method) => methodObject(method, dtos));
  const notifications = [
    ...facts.notifications.map((n) => notificationObject(n, [], dtos)),
    ...facts.libraryNotifications.map((n) => notificationObject(n, ['built-in'], dtos)),
  ].sort((a, b) => compare(a.name, b.name));
  const schemas = dtos.components();
  return {
    openrpc: OPENRPC_VERSION,
    info: facts.info,
    servers: facts.servers,
    methods,
    ...(Object.keys(schemas).length > 0 ? { components: { schemas } } : {}),
    'x-notifications': notifications,
  };
}

function methodObject(facts: MethodFacts, dtos: DtoSchemas): OpenRpcMethod {
  const { name, options } = facts;
  const params = describeParams(facts.slots, options.params, options.paramNames, dtos);
  const takesParams = params.params.length > 0 || params['x-params-schema'] !== undefined;
  const result: OpenRpcContentDescriptor = {
    // The name the OpenRPC specification gives rpc.discover's result.
    name: name === 'rpc.discover' ? 'OpenRPC Schema' : 'result',
    schema:
      options.result !== undefined
        ? schemaOfSource(options.result, dtos)
        : schemaOfType(facts.returnType, dtos),
  };
  return {
    name,
    ...texts(options),
    ...params,
    result,
    errors: errorsOf({
      takesParams,
      guarded: facts.guarded,
      rateLimited: facts.rateLimited,
      declared: options.errors,
    }),
    ...(options.examples?.length
      ? { examples: options.examples.map((example) => pairing(example, params.params)) }
      : {}),
    ...(options.deprecated ? { deprecated: true } : {}),
  };
}

function notificationObject(
  declaration: RpcNotificationDeclaration,
  tags: string[],
  dtos: DtoSchemas,
): OpenRpcNotification {
  const params = describeParams([], declaration.params ?? { schema: {} }, undefined, dtos);
  return {
    name: declaration.name,
    ...texts({ ...declaration, tags }),
    ...params,
    ...(declaration.deprecated ? { deprecated: true } : {}),
  };
}

function texts(options: {
  summary?: string;
  description?: string;
  tags?: string[];
}): Pick<OpenRpcMethod, 'summary' | 'description' | 'tags'> {
  return {
    ...(options.summary ? { summary: options.summary } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.tags?.length ? { tags: options.tags.map((tag) => ({ name: tag })) } : {}),
  };
}

/** An example call as OpenRPC pairs it: each param by name, positions named after the params. */
function pairing(
  example: RpcMethodExample,
  params: OpenRpcContentDescriptor[],
): OpenRpcExamplePairing {
  const values = Array.isArray(example.params)
    ? example.params.map((value, i) => ({ name: params[i]?.name ?? `param${i}`, value }))
    : Object.entries(example.params).map(([name, value]) => ({ name, value }));
  return {
    name: example.name,
    ...(example.description ? { description: example.description } : {}),
    params: values,
    ...(example.result !== undefined ? { result: { name: 'result', value: example.result } } : {}),
  };
}

/** Code-point order, the same on every machine (the fixture must not depend on a locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
