"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.invalidParams = invalidParams;
exports.readTopics = readTopics;
exports.readLogin = readLogin;
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
/** Longest topic name accepted by `subscribe`. */
const MAX_TOPIC_LENGTH = 200;
/** Longest token accepted by `login`. */
const MAX_TOKEN_LENGTH = 16 * 1024;
/**
 * Built-ins check their own params: they must not depend on the application
 * registering a ValidationPipe.
 */
function invalidParams(detail) {
    return new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.InvalidParams, 'Invalid params', {
        reason: 'InvalidParams',
        detail,
    });
}
function objectParams(params) {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
        throw invalidParams('params must be an object');
    }
    return params;
}
function readTopics(params) {
    const { topics } = objectParams(params);
    if (!Array.isArray(topics) || topics.length === 0) {
        throw invalidParams('"topics" must be a non-empty array of strings');
    }
    for (const topic of topics) {
        if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH) {
            throw invalidParams(`each topic must be a string of 1 to ${MAX_TOPIC_LENGTH} characters`);
        }
    }
    return topics;
}
function readLogin(params) {
    const { token, platform } = objectParams(params);
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw invalidParams('"token" must be a non-empty string');
    }
    if (platform !== undefined && typeof platform !== 'string') {
        throw invalidParams('"platform" must be a string');
    }
    return { token, platform };
}
//# sourceMappingURL=builtin-params.js.map