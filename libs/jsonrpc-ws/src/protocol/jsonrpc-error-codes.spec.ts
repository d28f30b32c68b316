import {
  JsonRpcErrorCode,
  JsonRpcErrorReason,
  messageForReason,
  reasonForCode,
} from './jsonrpc-error-codes';

const reasons = Object.keys(JsonRpcErrorCode) as JsonRpcErrorReason[];

describe('JsonRpcErrorCode', () => {
  it('uses the codes of the JSON-RPC 2.0 specification for its five errors', () => {
    expect(JsonRpcErrorCode).toMatchObject({
      ParseError: -32700,
      InvalidRequest: -32600,
      MethodNotFound: -32601,
      InvalidParams: -32602,
      InternalError: -32603,
    });
  });

  it('maps HTTP statuses into the implementation-defined range -32000 to -32099', () => {
    expect({
      Unauthorized: JsonRpcErrorCode.Unauthorized,
      Forbidden: JsonRpcErrorCode.Forbidden,
      NotFound: JsonRpcErrorCode.NotFound,
      Conflict: JsonRpcErrorCode.Conflict,
      TooManyRequests: JsonRpcErrorCode.TooManyRequests,
      ServiceUnavailable: JsonRpcErrorCode.ServiceUnavailable,
    }).toEqual({
      Unauthorized: -32001,
      Forbidden: -32003,
      NotFound: -32004,
      Conflict: -32009,
      TooManyRequests: -32029,
      ServiceUnavailable: -32053,
    });
  });

  it("names -32000 ServerError: a WsException's code, Nest's gateway convention", () => {
    expect(JsonRpcErrorCode.ServerError).toBe(-32000);
  });

  it('gives every reason its own code', () => {
    const codes = reasons.map((r) => JsonRpcErrorCode[r]);

    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('reasonForCode', () => {
  it.each(reasons)('finds %s back from its code', (reason) => {
    expect(reasonForCode(JsonRpcErrorCode[reason])).toBe(reason);
  });

  it.each([[-32010], [-32099], [0], [400], [-32604]])('knows no reason for the code %i', (code) => {
    expect(reasonForCode(code)).toBeUndefined();
  });
});

describe('messageForReason', () => {
  it('gives the messages of the specification for its five errors', () => {
    const specReasons: JsonRpcErrorReason[] = [
      'ParseError',
      'InvalidRequest',
      'MethodNotFound',
      'InvalidParams',
      'InternalError',
    ];

    expect(specReasons.map(messageForReason)).toEqual([
      'Parse error',
      'Invalid Request',
      'Method not found',
      'Invalid params',
      'Internal error',
    ]);
  });

  it.each(reasons)('has a non-empty message for %s', (reason) => {
    expect(messageForReason(reason)).toMatch(/\S/);
  });
});
