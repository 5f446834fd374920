import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from '@grammyjs/runner';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import { InFlight } from './in-flight.ts';

export interface Polling {
  stop(): Promise<void>;
  readonly inFlight: InFlight;
}

/**
 * Long polling with @grammyjs/runner: concurrent across chats (sequential within one, see createBot).
 * The runner neither deletes a webhook nor confirms the last offset when stopped, so this does both:
 * on stop it waits for in-flight updates, then acknowledges them so a restart never sees them again.
 */
export async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<Polling> {
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const inFlight = new InFlight();
  const fetchUpdates = createUpdateFetcher(bot, { fetch: { allowed_updates: ALLOWED_UPDATES, timeout: 30 }, silent: true, retryInterval: 'exponential' });
  const source = createSource({
    supply: async (batchSize, signal) => {
      try {
        return await fetchUpdates(batchSize, signal);
      } catch (error) {
        if (!signal.aborted) logger.error({ err: String(error) }, 'getUpdates failed for good');
        throw error;
      }
    },
  });
  const sink = createConcurrentSink<Update>(
    { consume: (update: Update) => inFlight.track(update.update_id, () => bot.handleUpdate(update)) },
    async (error) => {
      await bot.errorHandler(error as BotError<BotContext>);
    },
    { concurrency: 500 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  logger.info({ allowed_updates: ALLOWED_UPDATES }, 'polling for updates');

  return {
    inFlight,
    async stop() {
      await runner.stop();
      await inFlight.idle();
      const last = inFlight.highestUpdateId;
      if (last !== undefined) {
        await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES });
        logger.info({ confirmed_offset: last + 1 }, 'confirmed polling offset');
      }
    },
  };
}
