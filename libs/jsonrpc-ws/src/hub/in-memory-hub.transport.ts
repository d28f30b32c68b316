import { randomUUID } from 'crypto';
import { ConnectionInfo } from '../session/session-identity';
import { HubTarget, HubTransport, PresenceChange } from './hub-transport.interface';

/** The single-node default: there are no other nodes to reach. */
export class InMemoryHubTransport implements HubTransport {
  readonly nodeId = randomUUID();

  publish(_target: HubTarget, _frame: string): Promise<number> {
    return Promise.resolve(0);
  }

  kick(_target: HubTarget, _reason: string): Promise<number> {
    return Promise.resolve(0);
  }

  connectionsOf(_userId: string): Promise<ConnectionInfo[]> {
    return Promise.resolve([]);
  }

  announce(_change: PresenceChange): void {}
}
