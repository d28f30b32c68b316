"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RATE_LIMIT_STORE = void 0;
/** Injection token of the `RateLimitStore` in use. */
exports.RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
//# sourceMappingURL=rate-limit-store.interface.js.map