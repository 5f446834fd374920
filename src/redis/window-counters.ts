import { randomUUID } from 'node:crypto';
import { localWindowCounters, type WindowCounters } from '../bot/rate-limit.ts';
import type { RedisLink } from './connection.ts';

/**
 * One sliding window in a sorted set of hit times (Redis's own clock, so replicas' clocks need not agree): hits older
 * than the window are dropped, and a hit is added only when fewer than `limit` remain. Returns {1, 0} when allowed,
 * else {0, ms until the oldest counted hit leaves the window}. Same rule as SlidingWindowLimiter.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

interface WindowScript {
  rqaWindowTake(key: string, windowMs: number, limit: number, member: string): Promise<[number, number]>;
}

/**
 * Per-user limits shared by every replica through Redis. When a Redis call fails, that hit is counted by this
 * process's own counters instead (degraded: each replica then allows the full limit), and the link logs the outage.
 */
export function redisWindowCounters(link: RedisLink, now: () => number = Date.now): WindowCounters {
  link.client.defineCommand('rqaWindowTake', { numberOfKeys: 1, lua: TAKE });
  const script = link.client as unknown as WindowScript;
  const fallback = localWindowCounters(now);
  const owner = randomUUID();
  let sequence = 0;
  return (name, window) => {
    const local = fallback(name, window);
    return {
      async take(key) {
        try {
          const [allowed, retryAfterMs] = await script.rqaWindowTake(`limit:${name}:${key}`, window.windowMs, window.limit, `${owner}:${++sequence}`);
          return { allowed: allowed === 1, retryAfterMs: Math.max(0, retryAfterMs) };
        } catch (error) {
          link.failed(error);
          return local.take(key);
        }
      },
    };
  };
}
