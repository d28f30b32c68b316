/**
 * Lua scripts of the presence in Redis. Each runs atomically, so no reader
 * ever sees a connection in one index and not in another. Times come from
 * Redis's clock (`TIME`), so nodes with skewed clocks agree on who is alive.
 *
 * KEYS[1] connections hash, KEYS[2] users zset, KEYS[3] nodes zset; the per-user
 * and per-node keys are built from the key prefix in ARGV (one slot: see RedisKeys).
 */

/** Shared helpers: the current time in ms, and removing one connection from every index. */
const HELPERS = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function remove_connection(tag, id)
  local raw = redis.call('HGET', KEYS[1], id)
  if not raw then return 0 end
  local info = cjson.decode(raw)
  redis.call('HDEL', KEYS[1], id)
  local user_key = tag .. ':user:' .. info.userId
  redis.call('SREM', user_key, id)
  redis.call('SREM', tag .. ':node:' .. info.nodeId .. ':connections', id)
  if redis.call('SCARD', user_key) == 0 then
    redis.call('DEL', user_key)
    redis.call('ZREM', KEYS[2], info.userId)
  end
  return 1
end
`;

/** ARGV: tag, connectionId, userId, nodeId, info JSON. Replaces an earlier login of the connection. */
export const LOGIN = `${HELPERS}
local tag, id, user, node, info = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
remove_connection(tag, id)
redis.call('HSET', KEYS[1], id, info)
redis.call('SADD', tag .. ':user:' .. user, id)
redis.call('SADD', tag .. ':node:' .. node .. ':connections', id)
redis.call('ZADD', KEYS[2], 0, user)
return 1
`;

/** ARGV: tag, connectionId. */
export const LOGOUT = `${HELPERS}
return remove_connection(ARGV[1], ARGV[2])
`;

/** ARGV: tag, nodeId. Removes a node and every connection it had; returns how many. */
export const REAP_NODE = `${HELPERS}
local tag, node = ARGV[1], ARGV[2]
local node_key = tag .. ':node:' .. node .. ':connections'
local ids = redis.call('SMEMBERS', node_key)
for _, id in ipairs(ids) do remove_connection(tag, id) end
redis.call('DEL', node_key, tag .. ':node:' .. node .. ':stats')
redis.call('ZREM', KEYS[3], node)
return #ids
`;

/**
 * ARGV: tag, nodeId, stats JSON, stats TTL ms, node timeout ms. Records a heartbeat and
 * returns the nodes silent for longer than the timeout (for the caller to reap).
 */
export const HEARTBEAT = `${HELPERS}
local tag, node, stats, ttl, timeout = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local now = now_ms()
redis.call('ZADD', KEYS[3], now, node)
redis.call('SET', tag .. ':node:' .. node .. ':stats', stats, 'PX', ttl)
return redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. (now - timeout))
`;

/** ARGV: tag, userId, node timeout ms. The user's connections on live nodes, as info JSON. */
export const CONNECTIONS_OF = `${HELPERS}
local tag, user, timeout = ARGV[1], ARGV[2], tonumber(ARGV[3])
local ids = redis.call('SMEMBERS', tag .. ':user:' .. user)
if #ids == 0 then return {} end
local oldest = now_ms() - timeout
local infos = redis.call('HMGET', KEYS[1], unpack(ids))
local live = {}
for _, raw in ipairs(infos) do
  if raw then
    local seen = redis.call('ZSCORE', KEYS[3], cjson.decode(raw).nodeId)
    if seen and tonumber(seen) >= oldest then table.insert(live, raw) end
  end
end
return live
`;

/** ARGV: tag, node timeout ms. The live nodes' ids and stats JSON, flattened: id, stats, id, stats… */
export const CLUSTER_STATS = `${HELPERS}
local tag, timeout = ARGV[1], tonumber(ARGV[2])
local nodes = redis.call('ZRANGEBYSCORE', KEYS[3], now_ms() - timeout, '+inf')
local out = {}
for _, node in ipairs(nodes) do
  table.insert(out, node)
  table.insert(out, redis.call('GET', tag .. ':node:' .. node .. ':stats') or '{}')
end
return out
`;

/**
 * ARGV: tag, userId, platform ('' for all), node timeout ms, channel prefix, this node's
 * id, message. Publishes the message once to each other live node holding a connection
 * of the user, in the same round trip as the lookup; returns how many connections.
 */
export const PUSH_TO_USER = `${HELPERS}
local tag, user, platform, timeout = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local channel_prefix, self, message = ARGV[5], ARGV[6], ARGV[7]
local ids = redis.call('SMEMBERS', tag .. ':user:' .. user)
if #ids == 0 then return 0 end
local oldest = now_ms() - timeout
local infos = redis.call('HMGET', KEYS[1], unpack(ids))
local nodes, reached = {}, 0
for _, raw in ipairs(infos) do
  if raw then
    local info = cjson.decode(raw)
    if info.nodeId ~= self and (platform == '' or info.platform == platform) then
      local seen = nodes[info.nodeId]
      if seen == nil then
        local at = redis.call('ZSCORE', KEYS[3], info.nodeId)
        seen = at ~= false and tonumber(at) >= oldest
        nodes[info.nodeId] = seen
      end
      if seen then reached = reached + 1 end
    end
  end
end
for node, live in pairs(nodes) do
  if live then redis.call('PUBLISH', channel_prefix .. ':node:' .. node, message) end
end
return reached
`;
