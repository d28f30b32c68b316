"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcInstrumentation = void 0;
const common_1 = require("@nestjs/common");
const NOOP_SINK = {
    request: () => undefined,
    push: () => undefined,
    dropped: () => undefined,
    limitRejected: () => undefined,
    rateLimited: () => undefined,
};
/** Where the server sends what `InstrumentationSink` describes; a no-op until metrics plug in. */
let RpcInstrumentation = class RpcInstrumentation {
    constructor() {
        this.sink = NOOP_SINK;
    }
    /** Whether anything listens (so callers can skip measuring). */
    get enabled() {
        return this.sink !== NOOP_SINK;
    }
};
exports.RpcInstrumentation = RpcInstrumentation;
exports.RpcInstrumentation = RpcInstrumentation = __decorate([
    (0, common_1.Injectable)()
], RpcInstrumentation);
//# sourceMappingURL=rpc-instrumentation.js.map