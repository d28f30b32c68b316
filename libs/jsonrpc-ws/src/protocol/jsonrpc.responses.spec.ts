import { errorResponse, protocolError, successResponse } from './jsonrpc.responses';

describe('successResponse', () => {
  it('carries the result and the id', () => {
    expect(successResponse(1, { sum: 7 })).toEqual({ jsonrpc: '2.0', result: { sum: 7 }, id: 1 });
    expect(successResponse('a', [1, 2])).toEqual({ jsonrpc: '2.0', result: [1, 2], id: 'a' });
  });

  it('turns an undefined result into null, so the JSON text still has a result member', () => {
    const response = successResponse(3, undefined);

    expect(response).toStrictEqual({ jsonrpc: '2.0', result: null, id: 3 });
    expect(JSON.parse(JSON.stringify(response))).toEqual({ jsonrpc: '2.0', result: null, id: 3 });
  });

  it.each([[null], [0], [false], [''], [[]]])('keeps the falsy result %p as it is', (result) => {
    expect(successResponse(1, result).result).toStrictEqual(result);
  });

  it('keeps the very result object, without copying it', () => {
    const result = { nested: { a: 1 } };

    expect(successResponse(1, result).result).toBe(result);
  });

  it('answers with id null when asked to', () => {
    expect(successResponse(null, 1)).toEqual({ jsonrpc: '2.0', result: 1, id: null });
  });
});

describe('errorResponse', () => {
  it('wraps an error object with the id', () => {
    const error = { code: -32601, message: 'Method not found' };

    expect(errorResponse('x', error)).toStrictEqual({ jsonrpc: '2.0', error, id: 'x' });
    expect(errorResponse(null, error).id).toBeNull();
  });

  it('has no result member', () => {
    expect(errorResponse(1, { code: 1, message: 'm' })).not.toHaveProperty('result');
  });
});

describe('protocolError', () => {
  it.each([
    ['ParseError', -32700, 'Parse error'],
    ['InvalidRequest', -32600, 'Invalid Request'],
    ['MethodNotFound', -32601, 'Method not found'],
    ['InvalidParams', -32602, 'Invalid params'],
    ['InternalError', -32603, 'Internal error'],
    ['Unauthorized', -32001, 'Unauthorized'],
    ['Forbidden', -32003, 'Forbidden'],
    ['NotFound', -32004, 'Not found'],
    ['Conflict', -32009, 'Conflict'],
    ['TooManyRequests', -32029, 'Too many requests'],
    ['ServiceUnavailable', -32053, 'Service unavailable'],
  ] as const)('builds %s as code %i, message %p, data.reason set', (reason, code, message) => {
    expect(protocolError(reason)).toStrictEqual({ code, message, data: { reason } });
  });

  it('adds extra members to data next to reason', () => {
    expect(protocolError('InvalidParams', { detail: 'x is missing', field: 'x' })).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: { reason: 'InvalidParams', detail: 'x is missing', field: 'x' },
    });
  });

  it('takes a custom message and keeps the code and reason of the reason', () => {
    expect(protocolError('NotFound', undefined, 'User 42 not found')).toEqual({
      code: -32004,
      message: 'User 42 not found',
      data: { reason: 'NotFound' },
    });
  });

  it('keeps the real reason even when extra carries one', () => {
    const error = protocolError('InvalidParams', { reason: 'Spoofed', detail: 'd' });
    expect(error.data).toEqual({ reason: 'InvalidParams', detail: 'd' });
  });

  it('does not keep a reference to the extra object', () => {
    const extra = { detail: 'd' };
    const error = protocolError('InvalidRequest', extra);
    extra.detail = 'changed';

    expect(error.data).toEqual({ reason: 'InvalidRequest', detail: 'd' });
  });
});
