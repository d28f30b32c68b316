"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HubEvents = void 0;
const common_1 = require("@nestjs/common");
/**
 * Calls listeners without letting one failure reach the hub or another
 * listener; remembers async ones so shutdown can wait for them.
 */
let HubEvents = class HubEvents {
    constructor() {
        this.logger = new common_1.Logger('JsonRpcWs');
        this.listeners = new Map();
        this.pending = new Set();
    }
    on(name, listener) {
        let set = this.listeners.get(name);
        if (!set)
            this.listeners.set(name, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
    }
    emit(name, event) {
        const set = this.listeners.get(name);
        if (!set)
            return;
        for (const listener of set) {
            try {
                const result = listener(event);
                if (result instanceof Promise)
                    this.track(name, result);
            }
            catch (error) {
                this.report(name, error);
            }
        }
    }
    /** Resolves when every async listener started so far has finished. */
    async settled() {
        while (this.pending.size > 0)
            await Promise.all([...this.pending]);
    }
    track(name, promise) {
        const tracked = promise.catch((error) => this.report(name, error));
        this.pending.add(tracked);
        void tracked.finally(() => this.pending.delete(tracked));
    }
    report(name, error) {
        this.logger.error(`A "${name}" listener failed`, error instanceof Error ? error.stack : String(error));
    }
};
exports.HubEvents = HubEvents;
exports.HubEvents = HubEvents = __decorate([
    (0, common_1.Injectable)()
], HubEvents);
//# sourceMappingURL=hub-events.js.map