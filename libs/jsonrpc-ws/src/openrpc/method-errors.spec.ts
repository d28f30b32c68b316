import { errorsOf } from './method-errors';

const codes = (facts: Parameters<typeof errorsOf>[0]) => errorsOf(facts).map((e) => e.code);

describe('errorsOf', () => {
  it('always lists -32603, with the messages of the error codes', () => {
    expect(errorsOf({ takesParams: false, guarded: false, rateLimited: false })).toEqual([
      { code: -32603, message: 'Internal error' },
    ]);
  });

  it('adds -32602 for params, -32001/-32003 for guards, -32029 for a rate limit', () => {
    expect(codes({ takesParams: true, guarded: false, rateLimited: false })).toEqual([
      -32602, -32603,
    ]);
    expect(codes({ takesParams: false, guarded: true, rateLimited: false })).toEqual([
      -32001, -32003, -32603,
    ]);
    expect(codes({ takesParams: true, guarded: true, rateLimited: true })).toEqual([
      -32001, -32003, -32029, -32602, -32603,
    ]);
  });

  it('adds declared errors, which replace a known one of the same code', () => {
    const errors = errorsOf({
      takesParams: false,
      guarded: true,
      rateLimited: false,
      declared: [
        { code: -32004, message: 'No such task' },
        { code: -32003, message: 'Not your task', data: { reason: 'Forbidden' } },
      ],
    });

    expect(errors).toEqual([
      { code: -32001, message: 'Unauthorized' },
      { code: -32003, message: 'Not your task', data: { reason: 'Forbidden' } },
      { code: -32004, message: 'No such task' },
      { code: -32603, message: 'Internal error' },
    ]);
  });
});
