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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginRpc = void 0;
const common_1 = require("@nestjs/common");
const public_decorator_1 = require("../decorators/public.decorator");
const rpc_param_decorators_1 = require("../decorators/rpc-param.decorators");
const jsonrpc_error_1 = require("../errors/jsonrpc.error");
const hub_service_1 = require("../hub/hub.service");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const jsonrpc_error_codes_1 = require("../protocol/jsonrpc-error-codes");
const builtin_params_1 = require("./builtin-params");
/** `login { token, platform? }` with the application's `verifyToken`, and `logout`. */
let LoginRpc = class LoginRpc {
    constructor(options, hub) {
        this.options = options;
        this.hub = hub;
    }
    async login(session, params) {
        const { token, platform } = (0, builtin_params_1.readLogin)(params);
        const identity = await this.verify(token, session, platform);
        return this.hub.login(session, { ...identity, platform: identity.platform ?? platform });
    }
    logout(session) {
        this.hub.logout(session);
        return { loggedOut: true };
    }
    async verify(token, session, platform) {
        let identity;
        try {
            identity = await this.options.verifyToken(token, { session, platform });
        }
        catch (error) {
            // A deliberate refusal keeps its code; a library's "jwt expired" must not reach the client as -32603.
            if (error instanceof jsonrpc_error_1.JsonRpcError || error instanceof common_1.HttpException)
                throw error;
            identity = undefined;
        }
        if (!identity)
            throw new jsonrpc_error_1.JsonRpcError(jsonrpc_error_codes_1.JsonRpcErrorCode.Unauthorized, 'Invalid token');
        return identity;
    }
};
exports.LoginRpc = LoginRpc;
__decorate([
    (0, public_decorator_1.Public)(),
    __param(0, (0, rpc_param_decorators_1.RpcSession)()),
    __param(1, (0, rpc_param_decorators_1.RpcParams)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function, Object]),
    __metadata("design:returntype", Promise)
], LoginRpc.prototype, "login", null);
__decorate([
    (0, public_decorator_1.Public)(),
    __param(0, (0, rpc_param_decorators_1.RpcSession)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Object)
], LoginRpc.prototype, "logout", null);
exports.LoginRpc = LoginRpc = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object, hub_service_1.HubService])
], LoginRpc);
//# sourceMappingURL=login.rpc.js.map