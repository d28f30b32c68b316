import { GenerateClientError } from './generate-client.error';
import type { MethodObject, NotificationObject, OpenRpcDocument } from './openrpc-document';
import { deref } from './openrpc-refs';

/**
 * Fails, naming the place, on what the generator could not write a module from: not OpenRPC
 * 1.x, methods without a name or params, a name used twice. Schemas themselves are not
 * validated: a keyword the generator does not know becomes `unknown`, never an error.
 */
export function checkDocument(value: unknown): OpenRpcDocument {
  if (!isObject(value)) fail('the document is not a JSON object');
  const { openrpc, info, methods } = value;
  if (typeof openrpc !== 'string' || !/^1\./.test(openrpc)) {
    fail(`"openrpc" must be a 1.x version, not ${JSON.stringify(openrpc)}`);
  }
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') {
    fail('"info" must have a string "title" and "version"');
  }
  if (!Array.isArray(methods)) fail('"methods" must be an array');
  const seen = new Set<string>();
  methods.forEach((reference, i) => {
    const method = deref<MethodObject>(value, reference as MethodObject);
    const where = `methods[${i}]`;
    if (!isObject(method) || typeof method.name !== 'string') fail(`${where} has no "name"`);
    if (!Array.isArray(method.params)) fail(`${where} (${method.name}) has no "params" array`);
    if (seen.has(method.name)) fail(`${where}: the method name ${method.name} is used twice`);
    seen.add(method.name);
  });
  const notifications = value['x-notifications'];
  if (notifications !== undefined) {
    if (!Array.isArray(notifications)) fail('"x-notifications" must be an array');
    notifications.forEach((reference, i) => {
      const notification = deref<NotificationObject>(value, reference as NotificationObject);
      if (!isObject(notification) || typeof notification.name !== 'string') {
        fail(`x-notifications[${i}] has no "name"`);
      }
    });
  }
  return value as OpenRpcDocument;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new GenerateClientError(`Not an OpenRPC document the generator can read: ${message}`);
}
