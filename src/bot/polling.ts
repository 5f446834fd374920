import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from '@grammyjs/runner';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import { UpdateLedger } from './update-ledger.ts';

export interface Polling {
  /**
   * Stop fetching, finish the updates being handled (skipping those whose turn has not come), confirm the offset.
   * Returns the updates handled above the confirmed offset, which the next run must not handle again.
   */
  stop(deadlineMs?: number): Promise<number[]>;
}

/**
 * Long polling with @grammyjs/runner: concurrent across chats (sequential within one, see createBot).
 * The runner neither deletes a webhook nor confirms the last offset when stopped, so this does both, and keeps
 * the ledger that makes a stop exactly-once (see UpdateLedger).
 */
export async function startPolling(bot: Bot<BotContext>, ledger: UpdateLedger, logger: Logger): Promise<Polling> {
  await bot.api.deleteWebhook({ drop_pending_updates: false });
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
    {
      consume: async (update: Update) => {
        ledger.received(update.update_id);
        try {
          await bot.handleUpdate(update);
        } finally {
          ledger.settle(update.update_id);
        }
      },
    },
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
      if (!drained) logger.warn('some updates were still being handled at the deadline; they will be delivered again');
      const { offset, handledAbove } = ledger.checkpoint();
      if (offset !== undefined) {
        await bot.api.getUpdates({ offset, limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES });
        logger.info({ confirmed_offset: offset, handled_above: handledAbove.length }, 'confirmed polling offset');
      }
      return handledAbove;
    },
  };
}

/** Update ids a previous run handled above the offset it confirmed; the file is removed once read. */
export function readHandledUpdates(file: string, logger: Logger): number[] {
  try {
    const ids = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    rmSync(file, { force: true });
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ file, err: String(error) }, 'ignoring unreadable polling state');
    return [];
  }
}

export function writeHandledUpdates(file: string, ids: readonly number[], logger: Logger): void {
  if (ids.length === 0) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(ids));
  } catch (error) {
    logger.warn({ file, err: String(error) }, 'could not save polling state; those updates may be answered again');
  }
}
