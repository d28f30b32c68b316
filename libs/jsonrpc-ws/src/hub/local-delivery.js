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
exports.LocalDelivery = void 0;
const common_1 = require("@nestjs/common");
const close_codes_1 = require("../protocol/close-codes");
const prepared_text_1 = require("../protocol/prepared-text");
const session_registry_1 = require("./session-registry");
/** Delivers pushes and kicks to this node's connections. Transports call it for messages from other nodes. */
let LocalDelivery = class LocalDelivery {
    constructor(registry) {
        this.registry = registry;
    }
    /**
     * Writes a notification, serialised as UTF-8, to the target's local connections;
     * returns how many took it. It is framed once, whatever the number of recipients.
     */
    deliver(target, payload) {
        const message = payload instanceof prepared_text_1.PreparedText ? payload : new prepared_text_1.PreparedText(payload);
        let reached = 0;
        this.forEach(target, (session) => {
            if (session.send(message))
                reached++;
        });
        return reached;
    }
    /** Sends `session.kicked` and closes with 4004; returns how many connections were kicked. */
    kick(target, reason) {
        let kicked = 0;
        this.forEach(target, (session) => {
            if (session.closeReason !== undefined)
                return;
            kicked++;
            session.end({
                code: close_codes_1.CloseCode.Kicked,
                reason: 'kicked',
                notice: { method: 'session.kicked', params: { reason } },
            });
        });
        return kicked;
    }
    forEach(target, action) {
        switch (target.kind) {
            case 'connection': {
                const session = this.registry.get(target.connectionId);
                if (session)
                    action(session);
                return;
            }
            case 'user':
                return this.registry.ofUser(target.userId, target.platform).forEach(action);
            case 'topic':
                return this.registry.subscribersOf(target.topic).forEach(action);
            case 'broadcast':
                for (const session of this.registry.all()) {
                    if (target.includeAnonymous || session.authenticated)
                        action(session);
                }
        }
    }
};
exports.LocalDelivery = LocalDelivery;
exports.LocalDelivery = LocalDelivery = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_registry_1.SessionRegistry])
], LocalDelivery);
//# sourceMappingURL=local-delivery.js.map