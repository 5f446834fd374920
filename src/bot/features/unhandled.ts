import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

/** Last in line: updates no feature wanted (group chatter, stickers, edits, unknown types) are dropped quietly. */
export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.use((ctx) => {
  ctx.log.debug({ update_keys: Object.keys(ctx.update).filter((k) => k !== 'update_id') }, 'ignored update');
});
