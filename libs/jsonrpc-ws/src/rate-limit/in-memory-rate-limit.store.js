"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.InMemoryRateLimitStore = void 0;
const common_1 = require("@nestjs/common");
/** How often buckets that have refilled are forgotten (owners keyed by user or IP outlive connections). */
const SWEEP_INTERVAL_MS = 60_000;
/** Token buckets in this process's memory: owner → method → bucket. */
let InMemoryRateLimitStore = class InMemoryRateLimitStore {
    constructor() {
        this.buckets = new Map();
        this.sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();
    }
    consume(owner, method, rule, now) {
        let methods = this.buckets.get(owner);
        if (!methods)
            this.buckets.set(owner, (methods = new Map()));
        const perMs = rule.limit / rule.windowMs;
        let bucket = methods.get(method);
        if (!bucket) {
            bucket = { tokens: rule.burst, updatedAt: now, fullAt: now };
            methods.set(method, bucket);
        }
        else {
            bucket.tokens = Math.min(rule.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
            bucket.updatedAt = now;
        }
        if (bucket.tokens < 1) {
            return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
        }
        bucket.tokens -= 1;
        bucket.fullAt = now + (rule.burst - bucket.tokens) / perMs;
        return { allowed: true, retryAfterMs: 0 };
    }
    release(owner) {
        this.buckets.delete(owner);
    }
    /** Number of owners with buckets (for tests and diagnostics). */
    get size() {
        return this.buckets.size;
    }
    sweep(now) {
        for (const [owner, methods] of this.buckets) {
            for (const [method, bucket] of methods)
                if (bucket.fullAt <= now)
                    methods.delete(method);
            if (methods.size === 0)
                this.buckets.delete(owner);
        }
    }
    onModuleDestroy() {
        clearInterval(this.sweeper);
    }
};
exports.InMemoryRateLimitStore = InMemoryRateLimitStore;
exports.InMemoryRateLimitStore = InMemoryRateLimitStore = __decorate([
    (0, common_1.Injectable)()
], InMemoryRateLimitStore);
//# sourceMappingURL=in-memory-rate-limit.store.js.map