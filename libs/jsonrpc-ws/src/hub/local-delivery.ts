import { Injectable } from '@nestjs/common';
import type { JsonRpcSession } from '../session/jsonrpc-session';
import { CloseCode } from '../protocol/close-codes';
import { PreparedText } from '../transport/prepared-text';
import type { HubTarget } from './hub-target';
import type { ConnectionInfo } from '../session/session-identity';
import { RegistryCounts, RegistryListener, SessionRegistry } from '../session/session-registry';
import { describeConnection } from './describe-connection';
import { positionedText } from '../history/positioned-frame';
import { PositionedSubscriptions } from '../history/positioned-subscriptions';
import type { StreamPosition } from '../history/topic-history.interface';

/** Delivers pushes and kicks to this node's connections. Transports call it for messages from other nodes. */
@Injectable()
export class LocalDelivery {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly positioned: PositionedSubscriptions,
  ) {}

  /**
   * Writes a notification, serialised as UTF-8, to the target's local connections;
   * returns how many took it. It is framed once, whatever the number of recipients.
   */
  deliver(target: HubTarget, payload: Buffer | PreparedText): number {
    const message = payload instanceof PreparedText ? payload : new PreparedText(payload);
    let reached = 0;
    this.forEach(target, (session) => {
      if (session.send(message)) reached++;
    });
    return reached;
  }

  /**
   * Delivers a publication of a topic that keeps history: subscribers that asked
   * for positions get it as a `publication` notification (framed once for all of
   * them), the others as the plain notification; recovering ones hold it.
   */
  deliverPublication(topic: string, position: StreamPosition, frame: string | Buffer): number {
    // Each form is made on first need: most publications go out in only one of them.
    let text = typeof frame === 'string' ? frame : undefined;
    const textOf = (): string => (text ??= (frame as Buffer).toString('utf8'));
    let plain: PreparedText | undefined;
    let positioned: PreparedText | undefined;
    let reached = 0;
    for (const session of this.registry.subscribersOf(topic)) {
      const state = this.positioned.state(session, topic);
      if (Array.isArray(state)) {
        state.push({ position, frame: textOf() });
        reached++;
        continue;
      }
      const message =
        state === null
          ? (positioned ??= PreparedText.fromText(positionedText(topic, position, textOf())))
          : (plain ??=
              typeof frame === 'string' ? PreparedText.fromText(frame) : new PreparedText(frame));
      if (session.send(message)) reached++;
    }
    return reached;
  }

  /** How many of this node's connections subscribe to the topic. */
  subscriberCount(topic: string): number {
    return this.registry.subscribersOf(topic).size;
  }

  /** Tells a transport when topics gain their first or lose their last local subscriber. */
  listen(listener: RegistryListener): void {
    this.registry.listen(listener);
  }

  /** Topics with at least one subscriber on this node. */
  localTopics(): string[] {
    return [...this.registry.topics()];
  }

  /** This node's logged-in connections, as presence describes them (to re-register after an outage). */
  localConnections(nodeId: string): ConnectionInfo[] {
    const infos: ConnectionInfo[] = [];
    for (const session of this.registry.all())
      if (session.authenticated && session.closeReason === undefined)
        infos.push(describeConnection(session, nodeId));
    return infos;
  }

  /** This node's counts (what its heartbeat tells the cluster). */
  counts(): RegistryCounts {
    return this.registry.counts();
  }

  /** Sends `session.kicked` and closes with 4004; returns how many connections were kicked. */
  kick(target: HubTarget, reason: string): number {
    let kicked = 0;
    this.forEach(target, (session) => {
      if (session.closeReason !== undefined) return;
      kicked++;
      session.end({
        code: CloseCode.Kicked,
        reason: 'kicked',
        notice: { method: 'session.kicked', params: { reason } },
      });
    });
    return kicked;
  }

  private forEach(target: HubTarget, action: (session: JsonRpcSession) => void): void {
    switch (target.kind) {
      case 'connection': {
        const session = this.registry.get(target.connectionId);
        if (session) action(session);
        return;
      }
      case 'user':
        return this.registry.ofUser(target.userId, target.platform).forEach(action);
      case 'topic':
        return this.registry.subscribersOf(target.topic).forEach(action);
      case 'broadcast':
        for (const session of this.registry.all()) {
          if (target.includeAnonymous || session.authenticated) action(session);
        }
    }
  }
}
