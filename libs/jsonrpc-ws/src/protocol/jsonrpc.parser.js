"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseMessage = parseMessage;
exports.validateRequest = validateRequest;
const params_inspector_1 = require("./params-inspector");
const jsonrpc_responses_1 = require("./jsonrpc.responses");
const INVALID_ID = Symbol('invalid id');
/** Parses one text frame into requests, following JSON-RPC 2.0 to the letter. */
function parseMessage(text, limits) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return { kind: 'rejected', response: (0, jsonrpc_responses_1.errorResponse)(null, (0, jsonrpc_responses_1.protocolError)('ParseError')) };
    }
    if (!Array.isArray(value))
        return { kind: 'single', entry: validateRequest(value, limits) };
    if (value.length === 0) {
        return rejected((0, jsonrpc_responses_1.protocolError)('InvalidRequest', { detail: 'an empty batch is not allowed' }));
    }
    if (value.length > limits.maxBatchSize) {
        return rejected((0, jsonrpc_responses_1.protocolError)('InvalidRequest', {
            detail: `a batch may hold at most ${limits.maxBatchSize} requests`,
            maxBatchSize: limits.maxBatchSize,
        }));
    }
    return { kind: 'batch', entries: value.map((item) => validateRequest(item, limits)) };
}
/** Checks one request object; an invalid one is always answered, even without an id. */
function validateRequest(value, limits) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return invalid(null, 'a request must be an object');
    }
    const candidate = value;
    const id = readId(candidate);
    if (id === INVALID_ID)
        return invalid(null, '"id" must be a string, a number or null');
    const replyId = id ?? null;
    if (candidate.jsonrpc !== '2.0')
        return invalid(replyId, '"jsonrpc" must be exactly "2.0"');
    if (typeof candidate.method !== 'string')
        return invalid(replyId, '"method" must be a string');
    const params = candidate.params;
    if (params !== undefined && (params === null || typeof params !== 'object')) {
        return invalid(replyId, '"params" must be an array or an object');
    }
    const notification = id === undefined;
    const violation = (0, params_inspector_1.findParamsViolation)(params, limits.maxParamsDepth);
    if (violation !== undefined) {
        return {
            ok: false,
            id: replyId,
            error: (0, jsonrpc_responses_1.protocolError)('InvalidParams', { detail: violation }),
            notification,
        };
    }
    const request = { jsonrpc: '2.0', method: candidate.method };
    if (params !== undefined)
        request.params = params;
    if (!notification)
        request.id = id;
    return { ok: true, request, notification };
}
function readId(candidate) {
    if (!Object.prototype.hasOwnProperty.call(candidate, 'id'))
        return undefined;
    const id = candidate.id;
    if (id === null || typeof id === 'string' || typeof id === 'number')
        return id;
    return INVALID_ID;
}
function invalid(id, detail) {
    return { ok: false, id, error: (0, jsonrpc_responses_1.protocolError)('InvalidRequest', { detail }), notification: false };
}
function rejected(error) {
    return { kind: 'rejected', response: (0, jsonrpc_responses_1.errorResponse)(null, error) };
}
//# sourceMappingURL=jsonrpc.parser.js.map