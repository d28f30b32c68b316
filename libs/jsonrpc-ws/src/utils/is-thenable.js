"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isThenable = isThenable;
/** Whether a value is a promise or another thenable, which must be awaited. */
function isThenable(value) {
    return (value !== null &&
        (typeof value === 'object' || typeof value === 'function') &&
        typeof value.then === 'function');
}
//# sourceMappingURL=is-thenable.js.map