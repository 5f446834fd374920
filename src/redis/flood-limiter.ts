import { randomUUID } from 'node:crypto';
import type { Transformer } from 'grammy';
import { FLOOD_PACES, requestChat, type Pace } from '../bot/flood-limits.ts';
import type { RedisLink } from './connection.ts';

/**
 * Hands out the send time of one request, by Redis's clock (so replicas' clocks need not agree), under two limits at
 * once. The chat's pace: a generic cell rate algorithm (theoretical arrival time `tat`, a burst allowance) plus a
 * minimum spacing from the chat's previous send. The bot's overall pace: a calendar of the send times handed out
 * (a sorted set); the request gets the first time, from the chat's earliest, at least `gap` ms from every booked
 * send. Booking a time seconds ahead for a slow group chat blocks nobody else: later requests fill the gaps.
 * Both limits are thus kept at the time the request really goes. Returns the ms to wait before sending.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local minTime = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local gap = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tat', 'last')
local tat = tonumber(state[1]) or now
local at = math.max(now, tat - (burst - 1) * interval)
local last = tonumber(state[2])
if last then at = math.max(at, last + minTime) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
local booked = redis.call('ZRANGEBYSCORE', KEYS[2], at - gap, '+inf', 'WITHSCORES')
for i = 2, #booked, 2 do
  local b = tonumber(booked[i])
  if b >= at + gap then break end
  if b > at - gap then at = b + gap end
end
redis.call('ZADD', KEYS[2], tostring(at), ARGV[5])
redis.call('PEXPIRE', KEYS[2], math.ceil(at - now) + 2000)
tat = math.max(tat, at) + interval
redis.call('HSET', KEYS[1], 'tat', tostring(tat), 'last', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil(tat - now) + 1000)
return math.ceil(at - now)
`;

interface ReserveScript {
  rqaFloodReserve(chatKey: string, calendarKey: string, minTimeMs: number, intervalMs: number, burst: number, gapMs: number, member: string): Promise<number>;
}

const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/**
 * Telegram's flood limits held across replicas: every request to a chat takes its send time from Redis (see
 * RESERVE), waits for it, and goes (one round trip per request). Replicas sharing one Redis therefore send, together, within the limits one process keeps alone.
 * When Redis cannot be asked, the request goes through `local` (this process's own throttler) instead: degraded,
 * as each replica then keeps the limits alone, and Telegram's 429s are left to the retry transformer.
 */
export function sharedFloodLimiter(link: RedisLink, local: Transformer, paces = FLOOD_PACES): Transformer {
  link.client.defineCommand('rqaFloodReserve', { numberOfKeys: 2, lua: RESERVE });
  const script = link.client as unknown as ReserveScript;
  const owner = randomUUID();
  let sequence = 0;
  const reserve = (chat: string, pace: Pace) => script.rqaFloodReserve(`flood:chat:${chat}`, 'flood:calendar', pace.minTimeMs, pace.intervalMs, pace.burst, paces.global.minTimeMs, `${owner}:${++sequence}`);
  return async (prev, method, payload, signal) => {
    const chat = requestChat(payload);
    if (!chat) return prev(method, payload, signal);
    try {
      await sleep(await reserve(chat.id, chat.group ? paces.group : paces.private));
    } catch (error) {
      link.failed(error);
      return local(prev, method, payload, signal);
    }
    return prev(method, payload, signal);
  };
}
