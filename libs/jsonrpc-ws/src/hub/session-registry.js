"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionRegistry = void 0;
const common_1 = require("@nestjs/common");
/**
 * This node's connections, indexed by id, by user and platform, and by topic.
 * Structured keys only (user → platform → sessions): user "b_1" can never match
 * user "1". Every removal is idempotent.
 */
let SessionRegistry = class SessionRegistry {
    constructor() {
        this.byId = new Map();
        this.byUser = new Map();
        this.byTopic = new Map();
    }
    get size() {
        return this.byId.size;
    }
    add(session) {
        this.byId.set(session.id, session);
    }
    /** Removes the session from every index; false if it was not registered. */
    remove(session) {
        if (this.byId.get(session.id) !== session)
            return false;
        this.byId.delete(session.id);
        this.unbindUser(session);
        for (const topic of [...session.topics])
            this.unsubscribe(session, topic);
        return true;
    }
    get(connectionId) {
        return this.byId.get(connectionId);
    }
    all() {
        return this.byId.values();
    }
    /** Logs a registered session in as a user on a platform (replacing any earlier identity). */
    bindUser(session, identity) {
        if (!this.byId.has(session.id))
            return;
        this.unbindUser(session);
        session.bindIdentity(identity);
        let platforms = this.byUser.get(identity.userId);
        if (!platforms)
            this.byUser.set(identity.userId, (platforms = new Map()));
        let sessions = platforms.get(identity.platform);
        if (!sessions)
            platforms.set(identity.platform, (sessions = new Set()));
        sessions.add(session);
    }
    /** Makes the session anonymous again; a no-op for an anonymous one. */
    unbindUser(session) {
        const { userId, platform } = session;
        if (userId === undefined || platform === undefined)
            return;
        const platforms = this.byUser.get(userId);
        const sessions = platforms?.get(platform);
        sessions?.delete(session);
        if (sessions?.size === 0)
            platforms.delete(platform);
        if (platforms?.size === 0)
            this.byUser.delete(userId);
        session.bindIdentity(undefined);
    }
    /** This node's sessions of a user, on one platform or all. */
    ofUser(userId, platform) {
        const platforms = this.byUser.get(userId);
        if (!platforms)
            return [];
        if (platform !== undefined)
            return [...(platforms.get(platform) ?? [])];
        const sessions = [];
        for (const set of platforms.values())
            sessions.push(...set);
        return sessions;
    }
    hasUser(userId) {
        return this.byUser.has(userId);
    }
    /** Adds a subscription; false if the session already had it or is not registered. */
    subscribe(session, topic) {
        if (!this.byId.has(session.id) || session.topics.has(topic))
            return false;
        session.topicSet().add(topic);
        let subscribers = this.byTopic.get(topic);
        if (!subscribers)
            this.byTopic.set(topic, (subscribers = new Set()));
        subscribers.add(session);
        return true;
    }
    /** Removes a subscription; false if the session did not have it. */
    unsubscribe(session, topic) {
        if (!session.topics.has(topic))
            return false;
        session.topicSet().delete(topic);
        const subscribers = this.byTopic.get(topic);
        subscribers?.delete(session);
        if (subscribers?.size === 0)
            this.byTopic.delete(topic);
        return true;
    }
    subscribersOf(topic) {
        return this.byTopic.get(topic) ?? EMPTY;
    }
    counts() {
        let authenticated = 0;
        const byPlatform = {};
        for (const platforms of this.byUser.values()) {
            for (const [platform, sessions] of platforms) {
                authenticated += sessions.size;
                byPlatform[platform] = (byPlatform[platform] ?? 0) + sessions.size;
            }
        }
        let subscriptions = 0;
        for (const subscribers of this.byTopic.values())
            subscriptions += subscribers.size;
        return {
            connections: this.byId.size,
            authenticated,
            anonymous: this.byId.size - authenticated,
            users: this.byUser.size,
            byPlatform,
            topics: this.byTopic.size,
            subscriptions,
        };
    }
};
exports.SessionRegistry = SessionRegistry;
exports.SessionRegistry = SessionRegistry = __decorate([
    (0, common_1.Injectable)()
], SessionRegistry);
const EMPTY = new Set();
//# sourceMappingURL=session-registry.js.map