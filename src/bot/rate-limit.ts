import { limit } from '@grammyjs/ratelimiter';
import type { BotContext } from './context.ts';

export interface RateLimitOptions {
  /** Questions per user per window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 30, windowMs: 60_000 };

/** A yes/no gate for "may this user have another answer now?", built on @grammyjs/ratelimiter. */
export type QuestionGate = (ctx: BotContext) => Promise<boolean>;

/**
 * Per user (anonymous channel posts are not limited). Past the limit the user gets one polite notice per
 * window, not one per message; the question itself is dropped.
 */
export function createQuestionGate(options: RateLimitOptions | false): QuestionGate {
  if (options === false) return async () => true;
  const middleware = limit<BotContext, never>({
    timeFrame: options.windowMs,
    limit: options.limit,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      ctx.deps.metrics.rateLimited.inc();
      ctx.log.warn({ user_id: ctx.from?.id }, 'rate limited');
      const seconds = Math.round(options.windowMs / 1000);
      // ctx.t speaks the language the answer would have had.
      await ctx
        .reply(ctx.t('rate-limited', { seconds }), {
          ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
        })
        .catch(() => undefined);
    },
  });
  return async (ctx) => {
    let allowed = false;
    await middleware(ctx, async () => {
      allowed = true;
    });
    return allowed;
  };
}
