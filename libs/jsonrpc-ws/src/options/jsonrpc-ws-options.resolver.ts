import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { JsonRpcWsModuleOptions, ResolvedJsonRpcWsOptions } from './jsonrpc-ws-options.interface';

export const DEFAULT_OPTIONS: ResolvedJsonRpcWsOptions = {
  path: '/ws',
  maxPayload: 1024 * 1024,
  maxBatchSize: 100,
  maxParamsDepth: 32,
  allowedOrigins: 'same-origin',
};

/** Applies defaults and checks every value, so a bad option stops the startup by name. */
export function resolveOptions(options: JsonRpcWsModuleOptions = {}): ResolvedJsonRpcWsOptions {
  const resolved = { ...DEFAULT_OPTIONS, ...withoutUndefined(options) };
  const { path, maxPayload, maxBatchSize, maxParamsDepth, allowedOrigins, authenticate } = resolved;

  check(
    'path',
    typeof path === 'string' && /^\/[^\s?#]*$/.test(path),
    'a URL path starting with "/"',
    path,
  );
  checkPositiveInteger('maxPayload', maxPayload);
  checkPositiveInteger('maxBatchSize', maxBatchSize);
  checkPositiveInteger('maxParamsDepth', maxParamsDepth);
  check(
    'allowedOrigins',
    allowedOrigins === 'same-origin' ||
      allowedOrigins === '*' ||
      typeof allowedOrigins === 'function' ||
      (Array.isArray(allowedOrigins) && allowedOrigins.every((o) => typeof o === 'string')),
    "'same-origin', '*', an array of origins or a function",
    allowedOrigins,
  );
  check(
    'authenticate',
    authenticate === undefined || typeof authenticate === 'function',
    'a function',
    authenticate,
  );
  return resolved;
}

function checkPositiveInteger(option: string, value: unknown): void {
  check(option, Number.isSafeInteger(value) && (value as number) > 0, 'a positive integer', value);
}

function check(option: string, ok: boolean, expected: string, actual: unknown): void {
  if (!ok)
    throw new JsonRpcWsBootstrapError(JsonRpcWsMessages.invalidOption(option, expected, actual));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
