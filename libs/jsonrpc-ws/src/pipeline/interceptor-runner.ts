import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { AsyncResource } from 'async_hooks';
import { EmptyError, from, Observable, type ObservableInput, type Subscriber } from 'rxjs';
import { isThenable } from '../utils/is-thenable';

/**
 * Runs interceptors around `handler` with the semantics of Nest's
 * `InterceptorsConsumer`: the same instances in the same order, `intercept()`
 * may return an observable or a promise of one, `next.handle()` is lazy and runs
 * the rest of the chain in the async context it was called in (AsyncLocalStorage
 * stores included), errors travel as observable errors (so `catchError` sees
 * them), and the outcome is the chain's last value (`EmptyError` when there is
 * none). What it leaves out is the cost: no `defer`/`mergeAll` chain and no
 * promise per step, so when the interceptors and the handler answer
 * synchronously, the outcome is returned synchronously too.
 *
 * @returns the outcome, or a promise of it when any step answered asynchronously
 * @throws what the chain errors with, when it does so synchronously
 */
export function runInterceptors(
  interceptors: readonly NestInterceptor[],
  context: ExecutionContext,
  handler: () => unknown,
): unknown {
  /** Runs the chain from `index` into `subscriber`: the next interceptor, or the handler. */
  const run = (index: number, subscriber: Subscriber<unknown>): void => {
    let outcome: unknown;
    try {
      outcome =
        index < interceptors.length
          ? interceptors[index]!.intercept(context, callHandler(index + 1))
          : handler();
    } catch (error) {
      subscriber.error(error);
      return;
    }
    if (index < interceptors.length) follow(outcome, subscriber);
    else emit(outcome, subscriber);
  };

  /** `next.handle()` of the interceptor before `index`: lazy, bound to the caller's async context. */
  const callHandler = (index: number): CallHandler => ({
    handle: () => {
      const scope = new AsyncResource('JsonRpcInterceptor');
      return new Observable((subscriber) =>
        scope.runInAsyncScope(run, undefined, index, subscriber),
      );
    },
  });

  // The first interceptor is called at once, as Nest's runner does on subscribing.
  return lastValue(new Observable((subscriber) => run(0, subscriber)));
}

/**
 * Subscribes `subscriber` to what an interceptor returned: an observable (or any
 * other ObservableInput, as Nest's `mergeAll` accepts), or a promise of one.
 * Subscribing the subscriber itself ties the inner teardown to it.
 */
function follow(outcome: unknown, subscriber: Subscriber<unknown>): void {
  if (!isThenable(outcome)) {
    from(outcome as ObservableInput<unknown>).subscribe(subscriber);
    return;
  }
  outcome.then(
    (source) => {
      if (subscriber.closed) return;
      try {
        from(source as ObservableInput<unknown>).subscribe(subscriber);
      } catch (error) {
        subscriber.error(error);
      }
    },
    (error: unknown) => subscriber.error(error),
  );
}

/** Emits the handler's outcome (already a single value, or a promise of one) and completes. */
function emit(outcome: unknown, subscriber: Subscriber<unknown>): void {
  if (!isThenable(outcome)) {
    subscriber.next(outcome);
    subscriber.complete();
    return;
  }
  outcome.then(
    (value) => {
      if (subscriber.closed) return;
      subscriber.next(value);
      subscriber.complete();
    },
    (error: unknown) => subscriber.error(error),
  );
}

/** `lastValueFrom`, but synchronous when the source completes synchronously. */
function lastValue(source: Observable<unknown>): unknown {
  let settled: 'value' | 'error' | undefined;
  let value: unknown;
  let hasValue = false;
  let error: unknown;
  let resolve: ((value: unknown) => void) | undefined;
  let reject: ((error: unknown) => void) | undefined;
  source.subscribe({
    next: (next) => {
      value = next;
      hasValue = true;
    },
    error: (failure) => {
      if (reject) return reject(failure);
      settled = 'error';
      error = failure;
    },
    complete: () => {
      const outcome = hasValue ? value : new EmptyError();
      if (resolve) return hasValue ? resolve(outcome) : reject!(outcome);
      settled = hasValue ? 'value' : 'error';
      if (!hasValue) error = outcome;
    },
  });
  if (settled === 'value') return value;
  if (settled === 'error') throw error;
  return new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
}
