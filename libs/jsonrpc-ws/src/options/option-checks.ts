import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';

/** Stops the startup with a message naming the option, what it must be and what it is. */
export function checkInteger(option: string, value: unknown, min: number): void {
  const expected = min === 0 ? 'a non-negative integer' : 'a positive integer';
  check(option, Number.isSafeInteger(value) && (value as number) >= min, expected, value);
}

export function check(option: string, ok: boolean, expected: string, actual: unknown): void {
  if (!ok)
    throw new JsonRpcWsBootstrapError(JsonRpcWsMessages.invalidOption(option, expected, actual));
}

export function checkPath(option: string, value: unknown): void {
  check(
    option,
    typeof value === 'string' && /^\/[^\s?#]*$/.test(value),
    'a URL path starting with "/"',
    value,
  );
}

/** A secret of at least `minLength` characters, or none; the message never shows it. */
export function checkSecret(option: string, value: unknown, minLength: number): void {
  const ok = value === undefined || (typeof value === 'string' && value.length >= minLength);
  const shown = typeof value === 'string' ? `${value.length} characters` : typeof value;
  check(option, ok, `a string of at least ${minLength} characters`, shown);
}
