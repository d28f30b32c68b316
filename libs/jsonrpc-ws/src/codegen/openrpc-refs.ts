import { GenerateClientError } from './generate-client.error';
import { isReference } from './openrpc-document';

const SCHEMA_PREFIX = '#/components/schemas/';

/** The component schema a `$ref` names (`#/components/schemas/<name>`), or undefined for any other. */
export function componentSchemaName(ref: string): string | undefined {
  if (!ref.startsWith(SCHEMA_PREFIX)) return undefined;
  const rest = ref.slice(SCHEMA_PREFIX.length);
  return rest.includes('/') ? undefined : unescapeToken(rest);
}

/**
 * Follows `value` while it is a `{ $ref }` within the document (`#/...` JSON pointers), so that
 * content descriptors, errors and methods may be components. External references are refused:
 * the generator reads one document and fetches nothing else.
 */
export function deref<T>(document: unknown, value: T | { $ref: string }): T {
  const seen = new Set<string>();
  let current: unknown = value;
  while (isReference(current)) {
    const { $ref } = current;
    if (seen.has($ref)) throw new GenerateClientError(`$ref cycle through ${$ref}`);
    seen.add($ref);
    current = resolvePointer(document, $ref);
  }
  return current as T;
}

/** The value a local JSON pointer (`#/components/schemas/Foo`) leads to. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) {
    throw new GenerateClientError(`only references within the document are supported: ${ref}`);
  }
  const tokens = ref.length <= 2 ? [] : ref.slice(2).split('/').map(unescapeToken);
  let current = document;
  for (const token of tokens) {
    // Own keys only: a pointer spelling `__proto__` or `constructor` leads nowhere.
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) {
      throw new GenerateClientError(`$ref leads nowhere: ${ref}`);
    }
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** A pointer token, URI-decoded (refs are URI fragments) and then `~1` → `/`, `~0` → `~`. */
function unescapeToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // Not percent-encoded after all: the token as written.
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}
