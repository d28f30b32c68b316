"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.firstValue = firstValue;
const rxjs_1 = require("rxjs");
/**
 * A call answers once, so an observable result counts by its first value (Nest
 * alone would wait for the last, forever for an endless stream).
 */
function firstValue(result) {
    return (0, rxjs_1.isObservable)(result) ? (0, rxjs_1.firstValueFrom)(result, { defaultValue: undefined }) : result;
}
//# sourceMappingURL=first-value.js.map