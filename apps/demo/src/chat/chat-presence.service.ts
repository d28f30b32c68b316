import { Injectable } from '@nestjs/common';
import { HubEventMap, HubService, OnHubEvent } from 'nestjs-jsonrpc-ws';

const ROOM_PREFIX = 'room:';

/**
 * Who is in each chat room: the users of the connections subscribed to its topic.
 * Each change is pushed to the room as `chat.presence { room, members }`.
 * Kept by connection id, since a connection's user is recorded when it joins.
 */
@Injectable()
export class ChatPresence {
  /** room → connection id → user id */
  private readonly rooms = new Map<string, Map<string, string>>();

  constructor(private readonly hub: HubService) {}

  /** The users in a room, sorted, each once. */
  members(room: string): string[] {
    return [...new Set(this.rooms.get(room)?.values())].sort();
  }

  @OnHubEvent('subscribed')
  onSubscribed({ session, topics }: HubEventMap['subscribed']): void {
    for (const room of roomsOf(topics)) {
      let members = this.rooms.get(room);
      if (!members) this.rooms.set(room, (members = new Map<string, string>()));
      members.set(session.id, session.userId ?? 'anonymous');
      this.announce(room);
    }
  }

  @OnHubEvent('unsubscribed')
  onUnsubscribed({ session, topics }: HubEventMap['unsubscribed']): void {
    for (const room of roomsOf(topics)) this.leave(room, session.id);
  }

  @OnHubEvent('disconnected')
  onDisconnected({ session }: HubEventMap['disconnected']): void {
    for (const [room, members] of this.rooms)
      if (members.has(session.id)) this.leave(room, session.id);
  }

  private leave(room: string, connectionId: string): void {
    const members = this.rooms.get(room);
    if (!members?.delete(connectionId)) return;
    if (members.size === 0) this.rooms.delete(room);
    this.announce(room);
  }

  private announce(room: string): void {
    // Who is in now, not a message: kept out of the room's history (each page reloads it).
    void this.hub.pushToTopic(
      `${ROOM_PREFIX}${room}`,
      'chat.presence',
      { room, members: this.members(room) },
      { history: false },
    );
  }
}

function roomsOf(topics: string[]): string[] {
  return topics
    .filter((topic) => topic.startsWith(ROOM_PREFIX))
    .map((topic) => topic.slice(ROOM_PREFIX.length));
}
