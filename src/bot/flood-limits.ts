import type { APIThrottlerOptions } from '@grammyjs/transformer-throttler';

/**
 * Telegram's flood limits as sliding windows, not the throttler plugin's fixed ones (which let up to twice the limit
 * through across a window boundary): 30 messages a second overall, evenly spaced; per group or channel a burst of
 * 5, then one every 4 s (never more than 20 in any minute); per private chat one a second.
 */
export const FLOOD_LIMITS: APIThrottlerOptions = {
  // 36 ms apart is under 28 a second as sent: requests sent 34 ms apart (29.4/s) could arrive 31 in one second when
  // the network or a loaded machine bunches them, over Telegram's 30.
  global: { maxConcurrent: 30, minTime: 36 },
  group: { maxConcurrent: 1, minTime: 1000, reservoir: 5, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 4000, reservoirIncreaseMaximum: 5 },
  out: { maxConcurrent: 1, minTime: 1000 },
};

/**
 * The same limits as paces for a limiter that hands out send times (see src/redis/flood-limiter.ts): sends at
 * least `minTimeMs` apart, on average one per `intervalMs`, with up to `burst` of them early.
 */
export interface Pace {
  minTimeMs: number;
  intervalMs: number;
  burst: number;
}

export const FLOOD_PACES: { global: Pace; group: Pace; private: Pace } = {
  global: { minTimeMs: 36, intervalMs: 36, burst: 1 },
  group: { minTimeMs: 1000, intervalMs: 4000, burst: 5 },
  private: { minTimeMs: 1000, intervalMs: 1000, burst: 1 },
};

/** The chat a Bot API request sends to, and whether it is a group or channel (negative id or @username). */
export function requestChat(payload: unknown): { id: string; group: boolean } | undefined {
  if (!payload || typeof payload !== 'object' || !('chat_id' in payload)) return undefined;
  const chatId = (payload as { chat_id: unknown }).chat_id;
  if (typeof chatId === 'number') return { id: String(chatId), group: chatId < 0 };
  if (typeof chatId === 'string' && chatId !== '') return { id: chatId, group: chatId.startsWith('-') || chatId.startsWith('@') };
  return undefined;
}
