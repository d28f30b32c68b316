/**
 * Lua scripts of topic history in Redis Streams. KEYS[1] is the topic's stream
 * (entry ids `<offset>-1`, one field `f`: the notification's text), KEYS[2] its
 * meta hash (`e`: epoch, `s`: last offset); both carry the cluster's hash tag,
 * so they share a slot (see RedisKeys).
 *
 * A missing meta is a new epoch (never published to, reset, or expired): the
 * stream left from an older epoch is deleted, so offsets restart from 1 under
 * an epoch no subscriber has seen. The epoch is made by the node (ARGV[1]),
 * since a script's random numbers repeat.
 */

/** Reads the epoch from the meta, or starts a new one (`fresh`). */
const EPOCH = `
local fresh = false
local epoch = redis.call('HGET', KEYS[2], 'e')
if not epoch then
  fresh = true
  epoch = ARGV[1]
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'e', epoch, 's', 0)
end
`;

/**
 * ARGV: new epoch, size, stream TTL ms, meta TTL ms, channel, message head
 * (`publicationHead()`), frame. Assigns the next offset, stores the frame and
 * publishes it to the topic's channel in one atomic step, so pub/sub order is
 * offset order on every node. Returns { epoch, offset }.
 *
 * Commands per publication: HGET, HINCRBY, XADD (exact MAXLEN trim), PEXPIRE
 * twice, PUBLISH (6); a new epoch adds DEL and HSET.
 */
export const APPEND = `${EPOCH}
local offset = string.format('%d', redis.call('HINCRBY', KEYS[2], 's', 1))
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], offset .. '-1', 'f', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6] .. '"offset":' .. offset .. ',"epoch":"' .. epoch .. '"}\\n' .. ARGV[7])
return { epoch, offset }
`;

/**
 * ARGV: new epoch, meta TTL ms (for a new epoch), first offset wanted, most
 * entries (0: the position only). Position and entries come from one atomic
 * read, so they agree. Returns { epoch, offset, entries }.
 */
export const READ = `${EPOCH}
if fresh then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
local offset = redis.call('HGET', KEYS[2], 's')
local entries = {}
if tonumber(ARGV[4]) > 0 then
  entries = redis.call('XRANGE', KEYS[1], ARGV[3], '+', 'COUNT', ARGV[4])
end
return { epoch, offset, entries }
`;
