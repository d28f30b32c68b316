"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HUB_TRANSPORT = void 0;
/** Injection token of the `HubTransport` in use. */
exports.HUB_TRANSPORT = Symbol('HUB_TRANSPORT');
//# sourceMappingURL=hub-transport.interface.js.map