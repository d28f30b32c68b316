import { errorResponse, protocolError } from './jsonrpc.responses';
import { errorResponseText, PreparedError } from './prepared-error';

const IDS = [1, 0, -2.5, 1e21, 'abc', '', 'quote " and \\ and \u2028 and \u0000', '\ud800', null];

describe('PreparedError', () => {
  it.each(IDS.map((id) => [id]))(
    'answers id %j with the very text JSON.stringify would give',
    (id) => {
      const error = protocolError('InvalidRequest', { detail: '"jsonrpc" must be exactly "2.0"' });

      expect(new PreparedError(error).responseTo(id)).toBe(
        JSON.stringify(errorResponse(id, error)),
      );
    },
  );

  it.each([[0], [1], [999], [1.5], [NaN]])(
    'puts a number that differs per answer (%p) where serialising would',
    (retryAfterMs) => {
      const prepared = new PreparedError(protocolError('TooManyRequests'), 'retryAfterMs');
      const error = protocolError('TooManyRequests', { retryAfterMs });
      // The reason stays first, as the limiter's own object had it.
      const expected = JSON.stringify(
        errorResponse('x', { ...error, data: { reason: 'TooManyRequests', retryAfterMs } }),
      );

      expect(prepared.responseTo('x', retryAfterMs)).toBe(expected);
    },
  );

  it('is an ordinary error object too, for metrics and logs, and cannot change', () => {
    const prepared = new PreparedError(protocolError('MethodNotFound'));

    expect(prepared).toEqual({
      code: -32601,
      message: 'Method not found',
      data: { reason: 'MethodNotFound' },
    });
    expect(JSON.stringify(prepared)).toBe(JSON.stringify(protocolError('MethodNotFound')));
    expect(Object.isFrozen(prepared) && Object.isFrozen(prepared.data)).toBe(true);
  });

  it('leaves out data it never had', () => {
    const prepared = new PreparedError({ code: -32000, message: 'm' });

    expect(prepared).not.toHaveProperty('data');
    expect(prepared.responseTo(7)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32000,"message":"m"},"id":7}',
    );
  });
});

describe('errorResponseText', () => {
  it('serialises an error that is not prepared', () => {
    const error = { code: -32602, message: 'Invalid params', data: { detail: 'x' } };

    expect(errorResponseText(3, error)).toBe(JSON.stringify(errorResponse(3, error)));
  });

  it('uses the prepared text of one that is', () => {
    const prepared = new PreparedError(protocolError('ParseError'));
    const responseTo = vi.spyOn(PreparedError.prototype, 'responseTo');

    expect(errorResponseText(null, prepared)).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error","data":{"reason":"ParseError"}},"id":null}',
    );
    expect(responseTo).toHaveBeenCalledWith(null);
    responseTo.mockRestore();
  });
});
