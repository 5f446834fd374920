import type { MiddlewareFn } from 'grammy';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';

/** Which replica handles an update that may be delivered to several (webhook replicas behind a load balancer). */
export interface UpdateClaims {
  /** True when this replica should handle the update; false when another one has handled it or is handling it. */
  claim(updateId: number): Promise<boolean>;
  /** The update was handled (answered, or failed for good): nobody handles it again. */
  done(updateId: number): Promise<void>;
}

/** Handles an update only when this replica holds its claim, and marks it done afterwards, whatever happened. */
export function claimedUpdatesOnly(claims: UpdateClaims, logger: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (!(await claims.claim(id))) {
      logger.debug({ update_id: id }, 'update handled by another replica; skipped');
      return;
    }
    try {
      await next();
    } finally {
      await claims.done(id);
    }
  };
}
