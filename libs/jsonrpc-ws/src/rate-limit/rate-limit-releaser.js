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
exports.RateLimitReleaser = void 0;
const common_1 = require("@nestjs/common");
const hub_events_1 = require("../hub/hub-events");
const rate_limit_store_interface_1 = require("./rate-limit-store.interface");
const rpc_rate_limit_guard_1 = require("./rpc-rate-limit.guard");
/** Drops a connection's buckets when it closes, so they cannot pile up. */
let RateLimitReleaser = class RateLimitReleaser {
    constructor(events, store) {
        this.events = events;
        this.store = store;
    }
    onModuleInit() {
        this.events.on('disconnected', ({ session }) => this.store.release((0, rpc_rate_limit_guard_1.connectionTracker)(session.id)));
    }
};
exports.RateLimitReleaser = RateLimitReleaser;
exports.RateLimitReleaser = RateLimitReleaser = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, common_1.Inject)(rate_limit_store_interface_1.RATE_LIMIT_STORE)),
    __metadata("design:paramtypes", [hub_events_1.HubEvents, Object])
], RateLimitReleaser);
//# sourceMappingURL=rate-limit-releaser.js.map