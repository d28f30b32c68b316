"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OnHubEvent = OnHubEvent;
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
/**
 * Calls the method on a connection event. Async listeners are awaited at
 * shutdown; a failing listener is logged and harms nothing else.
 *
 * @example
 * @OnHubEvent('disconnected')
 * async onDisconnect({ session, reason }: HubEventMap['disconnected']) {
 *   await this.presence.markOffline(session.userId, reason);
 * }
 */
function OnHubEvent(event) {
    return (_target, _key, descriptor) => {
        const handler = descriptor.value;
        const existing = (Reflect.getOwnMetadata(jsonrpc_ws_constants_1.HUB_EVENT_METADATA, handler) ?? []);
        Reflect.defineMetadata(jsonrpc_ws_constants_1.HUB_EVENT_METADATA, [...existing, event], handler);
        return descriptor;
    };
}
//# sourceMappingURL=on-hub-event.decorator.js.map