import { HUB_EVENT_METADATA } from '../jsonrpc-ws.constants';
import type { HubEventName } from '../hub/hub-events';

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
export function OnHubEvent(event: HubEventName): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as object;
    const existing = (Reflect.getOwnMetadata(HUB_EVENT_METADATA, handler) ?? []) as HubEventName[];
    Reflect.defineMetadata(HUB_EVENT_METADATA, [...existing, event], handler);
    return descriptor;
  };
}
