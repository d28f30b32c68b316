"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Public = void 0;
const common_1 = require("@nestjs/common");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
/**
 * Lets anonymous connections call a method (or every method of a class) that a
 * global `RpcAuthGuard` would otherwise protect.
 *
 * @example
 * @Public()
 * @RpcMethod('status')
 * status() { return 'up'; }
 */
const Public = () => (0, common_1.SetMetadata)(jsonrpc_ws_constants_1.IS_PUBLIC_METADATA, true);
exports.Public = Public;
//# sourceMappingURL=public.decorator.js.map