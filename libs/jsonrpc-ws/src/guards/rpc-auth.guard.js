"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcAuthGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const jsonrpc_context_1 = require("../gateway/jsonrpc-context");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const is_thenable_1 = require("../utils/is-thenable");
/**
 * Requires a logged-in session: anonymous callers get -32001 `Unauthorized`;
 * logged-in callers that `authorize()` turns down get -32003 `Forbidden`.
 * Use it per method or class with `@UseGuards(RpcAuthGuard)`, or for every
 * method with `APP_GUARD` and open some with `@Public()`. HTTP routes pass.
 *
 * @example
 * // A role check on top: subclass and override authorize().
 * @Injectable()
 * export class RolesGuard extends RpcAuthGuard {
 *   protected authorize(session: JsonRpcSession<User>, context: ExecutionContext) {
 *     const roles = this.reflector.get<string[]>(ROLES, context.getHandler()) ?? [];
 *     return roles.every((role) => session.user?.roles.includes(role));
 *   }
 * }
 */
let RpcAuthGuard = class RpcAuthGuard {
    constructor(reflector) {
        this.reflector = reflector;
    }
    /** Answers synchronously unless `authorize()` returns a promise (no await per call). */
    canActivate(context) {
        if (!(0, jsonrpc_context_1.isJsonRpcContext)(context) || this.isPublic(context))
            return true;
        const { session } = (0, jsonrpc_context_1.getJsonRpcContext)(context);
        if (!session.authenticated) {
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.Unauthorized, 'Login required');
        }
        const allowed = this.authorize(session, context);
        return (0, is_thenable_1.isThenable)(allowed) ? Promise.resolve(allowed).then(permitted) : permitted(allowed);
    }
    /** Whether a logged-in session may call this method; every one may by default. */
    authorize(_session, _context) {
        return true;
    }
    isPublic(context) {
        return (this.reflector.getAllAndOverride(jsonrpc_ws_constants_1.IS_PUBLIC_METADATA, [
            context.getHandler(),
            context.getClass(),
        ]) === true);
    }
};
exports.RpcAuthGuard = RpcAuthGuard;
exports.RpcAuthGuard = RpcAuthGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector])
], RpcAuthGuard);
function permitted(allowed) {
    if (!allowed)
        throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.Forbidden, 'Forbidden');
    return true;
}
//# sourceMappingURL=rpc-auth.guard.js.map