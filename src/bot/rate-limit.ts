import type { BotContext } from './context.ts';

export interface Window {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions extends Window {
  /** Inline queries (one per pause in typing), counted apart from questions; default 60 a minute. */
  inline?: Window;
}

/** Questions and "More answers" presses share one budget (each is an answer); inline queries have their own. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 30, windowMs: 60_000, inline: { limit: 60, windowMs: 60_000 } };

/** Counts hits per key in a sliding window: one hit is counted when allowed; when not, how long until it would be. */
export interface WindowCounter {
  take(key: string): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** Makes the counter of one window (`name` tells the windows apart where counters share a store). */
export type WindowCounters = (name: string, window: Window) => WindowCounter;

/** Counters in this process's memory (the default; also the fallback of shared ones). */
export function localWindowCounters(now: () => number = Date.now): WindowCounters {
  return (_name, window) => {
    const limiter = new SlidingWindowLimiter(window.limit, window.windowMs, now);
    return {
      async take(key) {
        if (limiter.take(key)) return { allowed: true, retryAfterMs: 0 };
        return { allowed: false, retryAfterMs: limiter.retryAfterMs(key) };
      },
    };
  };
}

/** A yes/no gate for "may this person have another answer now?"; when not, it has already told them so. */
export type QuestionGate = (ctx: BotContext) => Promise<boolean>;

/**
 * Sliding-window counts per key: at most `limit` hits in ANY span of `windowMs` (a fixed window lets twice the limit
 * through around its edge). Only allowed hits are counted, so someone who keeps trying gets through again as soon
 * as their oldest answer leaves the window. Memory: the hits of people active in the last window (swept each window).
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep: number;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** Counts a hit and returns true when `key` is under its limit; false (nothing counted) when not. */
  take(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const list = this.recent(key, now);
    if (list.length >= this.limit) return false;
    list.push(now);
    this.hits.set(key, list);
    return true;
  }

  /** How long until `key` may have another hit (0 when it may now). */
  retryAfterMs(key: string): number {
    const now = this.now();
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return (list[list.length - this.limit] ?? now) + this.windowMs - now;
  }

  /** Keys remembered (tests). */
  get size(): number {
    return this.hits.size;
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    let expired = 0;
    while (expired < list.length && (list[expired] as number) <= now - this.windowMs) expired++;
    if (expired > 0) list.splice(0, expired);
    return list;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, list] of this.hits) if ((list.at(-1) ?? 0) <= now - this.windowMs) this.hits.delete(key);
  }
}

/**
 * Whose budget an update spends: the person asking, or, for a message sent on behalf of a chat (anonymous group
 * admins, who all share one placeholder user id; a linked channel), that chat. Channel posts are not limited.
 */
export function rateLimitKey(ctx: BotContext): string | undefined {
  const senderChat = (ctx.message ?? ctx.editedMessage)?.sender_chat;
  if (senderChat) return `chat:${senderChat.id}`;
  if (ctx.channelPost || ctx.editedChannelPost) return undefined;
  return ctx.from ? `user:${ctx.from.id}` : undefined;
}

/**
 * Per person (see rateLimitKey). Past the limit: a question gets one polite notice per window (not one per
 * message) and is dropped; a "More answers" press is answered with a short notice (never left spinning); an inline
 * query gets an empty result with a "slow down" button (a valid answer, never a Telegram error).
 */
export function createQuestionGate(options: RateLimitOptions | false, counters: WindowCounters = localWindowCounters()): QuestionGate {
  if (options === false) return async () => true;
  const questions = counters('questions', options);
  const inline = counters('inline', options.inline ?? DEFAULT_RATE_LIMIT.inline!);
  // Who was told to slow down, and when: told again only after a window.
  const noticed = counters('noticed', { limit: 1, windowMs: options.windowMs });

  return async (ctx) => {
    const key = rateLimitKey(ctx);
    if (key === undefined) return true;
    const counter = ctx.inlineQuery ? inline : questions;
    const { allowed, retryAfterMs } = await counter.take(key);
    if (allowed) return true;

    ctx.deps.metrics.rateLimited.inc();
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    ctx.log.warn({ rate_limit_key: key, kind: ctx.inlineQuery ? 'inline' : ctx.callbackQuery ? 'callback' : 'question', retry_in_s: seconds }, 'rate limited');
    // ctx.t speaks the language the answer would have had.
    if (ctx.inlineQuery) {
      await ctx
        .answerInlineQuery([], { cache_time: 0, is_personal: true, button: { text: ctx.t('inline-slow-down'), start_parameter: 'slow_down' } })
        .catch((error: unknown) => ctx.log.warn({ err: String(error) }, 'could not answer a rate-limited inline query'));
    } else if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t('rate-limited', { seconds }) }).catch((error: unknown) => ctx.log.warn({ err: String(error) }, 'could not answer a rate-limited button press'));
    } else if ((await noticed.take(key)).allowed) {
      await ctx
        .reply(ctx.t('rate-limited', { seconds }), {
          ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
        })
        .catch(() => undefined);
    }
    return false;
  };
}
