import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { EmptyError, EMPTY, map, of } from 'rxjs';
import { runInterceptors } from './interceptor-runner';

const context = {} as ExecutionContext;
const interceptor = (intercept: (next: CallHandler) => unknown): NestInterceptor =>
  ({ intercept: (_: ExecutionContext, next: CallHandler) => intercept(next) }) as NestInterceptor;

describe('runInterceptors', () => {
  it('answers synchronously when every step does: no promise per call', () => {
    const double = interceptor((next) => next.handle().pipe(map((value) => Number(value) * 2)));
    expect(runInterceptors([double, double], context, () => 5)).toBe(20);
  });

  it('answers with a promise when the handler does', async () => {
    const outcome = runInterceptors([interceptor((next) => next.handle())], context, () =>
      Promise.resolve('later'),
    );
    expect(outcome).toBeInstanceOf(Promise);
    expect(await outcome).toBe('later');
  });

  it('throws synchronously what a synchronous chain errs with', () => {
    const failure = new Error('refused');
    const refuse = interceptor(() => {
      throw failure;
    });
    expect(() => runInterceptors([refuse], context, () => 1)).toThrow(failure);
  });

  it('refuses a chain that completes without a value, as lastValueFrom does', () => {
    expect(() => runInterceptors([interceptor(() => EMPTY)], context, () => 1)).toThrow(EmptyError);
  });

  it('does not run the handler when an interceptor answers by itself', () => {
    const handler = vi.fn(() => 'computed');
    expect(runInterceptors([interceptor(() => of('cached'))], context, handler)).toBe('cached');
    expect(handler).not.toHaveBeenCalled();
  });
});
