import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from '@grammyjs/runner';
import type { Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.ts';
import type { BotContext } from './context.ts';
import { ALLOWED_UPDATES } from './create-bot.ts';
import type { UpdateJournal } from './update-journal.ts';
import type { UpdateLedger } from './update-ledger.ts';

/**
 * How long Telegram waits for the answer to an inline or callback query ("within about 10 s"); an answer after that
 * is refused ("query is too old"). A query replayed from the journal is answered only with a second to spare.
 */
export const QUERY_ANSWER_WINDOW_MS = 10_000;
const QUERY_ANSWER_MARGIN_MS = 1_000;
/** The getUpdates that confirms the offset at shutdown; the real Bot API can hold it about 3 s. */
const CONFIRM_TIMEOUT_MS = 3_500;

export interface StopOptions {
  /** From the call of stop(): when updates still being handled are given up (recorded; see UpdateLedger.close). */
  deadlineMs?: number;
  /** Aborted by a second signal: stop waiting for the updates being handled, but still record them and confirm. */
  hurry?: AbortSignal;
}

export interface Polling {
  /**
   * Stop fetching, confirm the offset (everything fetched is in the journal), finish the updates being handled
   * (skipping those whose turn has not come) until the deadline or a hurry, record the rest, compact the journal.
   */
  stop(options?: StopOptions): Promise<void>;
}

/** An inline or callback query Telegram no longer waits an answer for (it was fetched `fetchedAt`, or at an unknown time). */
export function expiredQuery(update: Update, fetchedAt: number | undefined, now = Date.now()): boolean {
  if (!update.inline_query && !update.callback_query) return false;
  return fetchedAt === undefined || now - fetchedAt > QUERY_ANSWER_WINDOW_MS - QUERY_ANSWER_MARGIN_MS;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, Math.max(0, ms));
    timer.unref();
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

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

  // Updates a previous run received but did not finish come first; inline and callback queries only while Telegram
  // still waits for their answer (an answer after that is refused). Messages are answered however old.
  const now = Date.now();
  const recovered: Update[] = [];
  let expired = 0;
  for (const update of journal.recover()) {
    if (!ledger.received(update.update_id)) continue;
    if (expiredQuery(update, journal.fetchedAt(update.update_id), now)) {
      expired += 1;
      if (ledger.settle(update.update_id)) journal.done(update.update_id);
      continue;
    }
    recovered.push(update);
  }
  if (expired > 0) logger.info({ updates: expired }, 'skipping inline and callback queries from the previous run that Telegram no longer waits for');
  if (recovered.length > 0) logger.info({ updates: recovered.length }, 'answering updates left unfinished by the previous run');

  const fetchUpdates = createUpdateFetcher(bot, { fetch: { allowed_updates: ALLOWED_UPDATES, timeout: 30 }, silent: true, retryInterval: 'exponential' });
  let pendingRecovered: Update[] = recovered;
  /** The offset the next getUpdates sends: it confirms every update below it to Telegram. */
  let nextOffset: number | undefined;
  const source = createSource({
    supply: async (batchSize, signal) => {
      if (pendingRecovered.length > 0) {
        const batch = pendingRecovered;
        pendingRecovered = [];
        return batch;
      }
      // The fetcher asks for the updates after the last batch, which confirms that batch: from now on Telegram
      // never sends those again, and the ledger forgets them (so it stays small however long the bot runs).
      if (nextOffset !== undefined) ledger.confirmed(nextOffset);
      let updates: Update[];
      try {
        updates = await fetchUpdates(batchSize, signal);
      } catch (error) {
        if (!signal.aborted) logger.error({ err: String(error) }, 'getUpdates failed for good');
        throw error;
      }
      const last = updates.at(-1);
      if (last) nextOffset = Math.max(nextOffset ?? 0, last.update_id + 1);
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

  /** Everything fetched is in the journal, so the whole batch can be confirmed; false when Telegram did not answer. */
  const confirmOffset = async (budgetMs: number): Promise<boolean> => {
    const last = ledger.highestUpdateId;
    if (last === undefined) return true;
    try {
      await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0, allowed_updates: ALLOWED_UPDATES }, AbortSignal.timeout(Math.max(100, budgetMs)) as Parameters<typeof bot.api.getUpdates>[1]);
      ledger.confirmed(last + 1);
      logger.info({ confirmed_offset: last + 1 }, 'confirmed polling offset');
      return true;
    } catch (error) {
      logger.warn({ err: String(error) }, 'could not confirm the polling offset; Telegram will send the last updates again (the journal recognises them)');
      return false;
    }
  };

  let stopping: Promise<void> | undefined;
  return {
    stop(options = {}) {
      stopping ??= (async () => {
        const started = Date.now();
        const deadlineMs = options.deadlineMs ?? 6_000;
        const remaining = () => deadlineMs - (Date.now() - started);
        // No update starts from now on; the ones whose turn has not come stay unfinished in the journal.
        const drained = ledger.drain().then(() => true);
        await Promise.race([runner.stop(), sleep(Math.min(1_000, remaining()))]);
        // Confirm first, while there is time: a second signal or a slow Telegram must not leave the offset unconfirmed
        // (the next run would get every update of the last batch again, answered ones included).
        let confirmed = await confirmOffset(Math.min(CONFIRM_TIMEOUT_MS, remaining()));
        const finished = await Promise.race([drained, sleep(remaining(), options.hurry).then(() => false)]);
        if (!finished) {
          // Answers already sent or on their way are done (Telegram has them); the others are left for the next run.
          const { answered, unanswered } = ledger.close();
          for (const id of answered) journal.done(id);
          logger.warn(
            { answered_in_flight: answered.length, left_for_next_run: unanswered.length, hurried: options.hurry?.aborted ?? false },
            'stopped waiting for the updates being handled: sent answers recorded as done, the rest will be answered after the restart',
          );
        }
        if (!confirmed) confirmed = await confirmOffset(1_000);
        journal.close();
      })();
      return stopping;
    },
  };
}
