import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from '@grammyjs/runner';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import type { UpdateJournal } from './update-journal.ts';
import type { UpdateLedger } from './update-ledger.ts';

export interface Polling {
  /** Stop fetching, finish the updates being handled (skipping those whose turn has not come), confirm the offset. */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Long polling with @grammyjs/runner: concurrent across chats, sequential within one (see createBot).
 * The runner neither deletes a webhook nor confirms the last offset when stopped, and each of its polls confirms the
 * previous batch before it is answered; the journal and the ledger make that safe (see UpdateJournal, UpdateLedger).
 */
export async function startPolling(bot: Bot<BotContext>, ledger: UpdateLedger, journal: UpdateJournal, logger: Logger): Promise<Polling> {
  await bot.api.deleteWebhook({ drop_pending_updates: false });

  const consume = async (update: Update) => {
    try {
      await bot.handleUpdate(update);
    } finally {
      if (ledger.settle(update.update_id)) journal.done(update.update_id);
    }
  };

  // Updates a previous run received but did not finish come first.
  const recovered = journal.recover().filter((u) => ledger.received(u.update_id));
  if (recovered.length > 0) logger.info({ updates: recovered.length }, 'answering updates left unfinished by the previous run');

  const fetchUpdates = createUpdateFetcher(bot, { fetch: { allowed_updates: ALLOWED_UPDATES, timeout: 30 }, silent: true, retryInterval: 'exponential' });
  let pendingRecovered: Update[] = recovered;
  const source = createSource({
    supply: async (batchSize, signal) => {
      if (pendingRecovered.length > 0) {
        const batch = pendingRecovered;
        pendingRecovered = [];
        return batch;
      }
      let updates: Update[];
      try {
        updates = await fetchUpdates(batchSize, signal);
      } catch (error) {
        if (!signal.aborted) logger.error({ err: String(error) }, 'getUpdates failed for good');
        throw error;
      }
      // Telegram sends again what a killed run received but never confirmed; the journal may already hold it.
      const fresh = updates.filter((u) => ledger.received(u.update_id));
      journal.received(fresh);
      return fresh;
    },
  });
  const sink = createConcurrentSink<Update>(
    { consume },
    async (error) => {
      await bot.errorHandler(error as BotError<BotContext>);
    },
    { concurrency: 500 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  logger.info({ allowed_updates: ALLOWED_UPDATES }, 'polling for updates');

  return {
    async stop(deadlineMs = 6_000) {
      await runner.stop();
      const drained = await Promise.race([ledger.drain().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), deadlineMs).unref())]);
      if (!drained) logger.warn('some updates were still being handled at the deadline; they will be answered after the restart');
      // Everything fetched is in the journal, so the whole batch can be confirmed.
      const last = ledger.highestUpdateId;
      if (last !== undefined) {
        await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES });
        logger.info({ confirmed_offset: last + 1 }, 'confirmed polling offset');
      }
    },
  };
}
