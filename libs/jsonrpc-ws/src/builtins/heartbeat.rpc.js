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
exports.HeartbeatRpc = void 0;
const common_1 = require("@nestjs/common");
const public_decorator_1 = require("../decorators/public.decorator");
/** `heartbeat`: lets clients that cannot see WebSocket pings (browsers) keep the session alive and measure latency. */
let HeartbeatRpc = class HeartbeatRpc {
    heartbeat() {
        return { status: 'ok', serverTime: Date.now() };
    }
};
exports.HeartbeatRpc = HeartbeatRpc;
__decorate([
    (0, public_decorator_1.Public)(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], HeartbeatRpc.prototype, "heartbeat", null);
exports.HeartbeatRpc = HeartbeatRpc = __decorate([
    (0, common_1.Injectable)()
], HeartbeatRpc);
//# sourceMappingURL=heartbeat.rpc.js.map