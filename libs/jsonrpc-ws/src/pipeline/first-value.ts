import { firstValueFrom, isObservable } from 'rxjs';

/**
 * A call answers once, so an observable result counts by its first value (Nest
 * alone would wait for the last, forever for an endless stream).
 */
export function firstValue(result: unknown): unknown {
  return isObservable(result) ? firstValueFrom(result, { defaultValue: undefined }) : result;
}
