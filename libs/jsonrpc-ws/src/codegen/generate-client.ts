import { ClientModule, writeClientModule } from './client-module.writer';
import { checkDocument } from './document-check';
import { JsonSchemaPrinter } from './json-schema.printer';
import { methodModel, ModelContext } from './method.model';
import { methodTree } from './method-tree';
import { notificationModel } from './notification.model';
import type { MethodObject, NotificationObject } from './openrpc-document';
import { deref } from './openrpc-refs';
import { camelCase, NameRegistry } from './type-names';

export interface GenerateClientOptions {
  /** Where the module imports the client's types from. @default 'nestjs-jsonrpc-ws/client' */
  importFrom?: string;
  /** Told of what the module leaves out (a notification the client cannot deliver, …). */
  onWarning?: (message: string) => void;
}

const OPENRPC_META_SCHEMA = /\/open-rpc\/meta-schema\//;

/** Names the client keeps for its own events: a notification by one of them never reaches `on()`. */
const CLIENT_EVENTS = new Set(['state', 'connected', 'disconnected', 'error', 'recovered']);

/**
 * Writes a TypeScript module over `nestjs-jsonrpc-ws/client` from an OpenRPC 1.x document:
 * a type per `components.schemas` entry, a typed function per method, grouped by the dotted
 * name (`api.math.add({ a: 1, b: 2 })`), and typed listeners of the `x-notifications`.
 * What `nestjs-jsonrpc-ws generate-client` runs; call it from a script of your own to write
 * the module from a document you already have.
 *
 * @example
 * writeFileSync('src/api.ts', generateClient(JSON.parse(readFileSync('openrpc.json', 'utf8'))));
 */
export function generateClient(document: unknown, options: GenerateClientOptions = {}): string {
  const doc = checkDocument(document);
  const warn = options.onWarning ?? (() => undefined);
  const names = new NameRegistry();
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const schemaNames = new Map(schemas.map(([key]) => [key, names.claim(key)]));
  const external = new Set<string>();
  const printer = new JsonSchemaPrinter(
    doc,
    (component) => schemaNames.get(component),
    (ref) => {
      // rpc.discover's result is the OpenRPC meta-schema, by URL: unknown says as much.
      if (external.has(ref) || OPENRPC_META_SCHEMA.test(ref)) return;
      external.add(ref);
      warn(`$ref ${ref} is outside the document: typed as unknown`);
    },
  );
  const context: ModelContext = { document: doc, printer, names };
  const schemaDeclarations = schemas.map(([key, schema]) =>
    printer.declaration(schemaNames.get(key)!, schema),
  );
  const methods = doc.methods.map((method) =>
    methodModel(deref<MethodObject>(doc, method), context),
  );
  const notifications = (doc['x-notifications'] ?? [])
    .map((notification) => deref<NotificationObject>(doc, notification))
    .filter(({ name }, i, all) => {
      if (CLIENT_EVENTS.has(name)) {
        warn(`notification ${name} left out: the client uses the name for its own event`);
        return false;
      }
      return all.findIndex((other) => other.name === name) === i;
    })
    .map((notification) => notificationModel(notification, context));
  const module: ClientModule = {
    // Quoted, and on one line: both go into a `//` comment.
    title: JSON.stringify(doc.info.title).replace(/[\u2028\u2029]/g, ' '),
    version: doc.info.version.replace(/\s+/g, ' '),
    importFrom: options.importFrom ?? 'nestjs-jsonrpc-ws/client',
    schemaDeclarations,
    methods,
    tree: methodTree(methods, notifications.length > 0 ? ['on'] : []),
    notifications,
    shorthands: shorthandsOf(
      notifications.map(({ name }) => name),
      warn,
    ),
  };
  return writeClientModule(module);
}

/**
 * `chat.message` → `on.chatMessage`. `on` is a function, so a shorthand cannot be one of a
 * function's own members (`name`, `call`, …); those, and a second name that would make the
 * same key, are reachable as `on('…', listener)` only.
 */
function shorthandsOf(names: string[], warn: (message: string) => void): Map<string, string> {
  const shorthands = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    const key = camelCase(name, 'notification');
    if (key in (() => undefined) || taken.has(key)) {
      warn(`notification ${name} has no api.on.${key} shorthand: use api.on('${name}', listener)`);
      continue;
    }
    taken.add(key);
    shorthands.set(name, key);
  }
  return shorthands;
}
