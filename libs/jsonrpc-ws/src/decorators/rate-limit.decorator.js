"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RateLimit = void 0;
const common_1 = require("@nestjs/common");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
/**
 * Sets the rate limit of a method or of every method of a class; `0` means
 * unlimited. The module's `rateLimit.methods` option overrides it.
 *
 * @example
 * @RateLimit({ limit: 5, windowMs: 60_000 })
 * @RpcMethod('auth.login')
 * login() {}
 */
const RateLimit = (rule) => (0, common_1.SetMetadata)(jsonrpc_ws_constants_1.RATE_LIMIT_METADATA, rule === 0 ? { limit: 0 } : rule);
exports.RateLimit = RateLimit;
//# sourceMappingURL=rate-limit.decorator.js.map