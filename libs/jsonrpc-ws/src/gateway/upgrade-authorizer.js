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
exports.UpgradeAuthorizer = void 0;
const common_1 = require("@nestjs/common");
const inject_options_decorator_1 = require("../options/inject-options.decorator");
const origin_policy_1 = require("./origin-policy");
/** Decides, before the 101, whether an upgrade request becomes a connection and as whom. */
let UpgradeAuthorizer = class UpgradeAuthorizer {
    constructor(options) {
        this.options = options;
        this.logger = new common_1.Logger('JsonRpcWs');
    }
    async authorize(request) {
        if (!(0, origin_policy_1.isOriginAllowed)(request, this.options.allowedOrigins)) {
            return { accepted: false, status: 403, message: 'Origin not allowed' };
        }
        const { authenticate } = this.options;
        if (!authenticate)
            return { accepted: true };
        try {
            const outcome = await authenticate(request);
            if (outcome === false)
                return { accepted: false, status: 401, message: 'Unauthorized' };
            if (outcome === undefined || outcome === null || outcome === true)
                return { accepted: true };
            if (!isIdentity(outcome)) {
                throw new TypeError('authenticate() must return { userId, ... }, false, or nothing');
            }
            return { accepted: true, identity: outcome };
        }
        catch (error) {
            if (error instanceof common_1.HttpException) {
                return { accepted: false, status: error.getStatus(), message: error.message };
            }
            this.logger.error('The upgrade authenticator failed', error instanceof Error ? error.stack : String(error));
            return { accepted: false, status: 500, message: 'Internal Server Error' };
        }
    }
};
exports.UpgradeAuthorizer = UpgradeAuthorizer;
exports.UpgradeAuthorizer = UpgradeAuthorizer = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, inject_options_decorator_1.InjectJsonRpcWsOptions)()),
    __metadata("design:paramtypes", [Object])
], UpgradeAuthorizer);
function isIdentity(value) {
    const userId = value?.userId;
    return typeof userId === 'string' || typeof userId === 'number';
}
//# sourceMappingURL=upgrade-authorizer.js.map