import { GrammyError, HttpError, type Transformer } from 'grammy';
import type { Metrics } from '../metrics.ts';
import { requestOwner, sameOwner, type UpdateLedger } from './update-ledger.ts';

/**
 * Telegram refuses a reply to a message that was deleted meanwhile ("message to be replied not found");
 * the answer is still worth sending, so it is sent once more without the reply.
 */
export const resendWithoutMissingReply: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (result.ok || result.error_code !== 400 || !/message to be replied not found|replied message not found/i.test(result.description)) return result;
  if (!payload || typeof payload !== 'object' || !('reply_parameters' in payload || 'reply_to_message_id' in payload)) return result;
  const { reply_parameters: _r, reply_to_message_id: _id, ...rest } = payload as Record<string, unknown>;
  sameOwner(payload, rest);
  return prev(method, rest as typeof payload, signal);
};

/** Counts Bot API calls that failed for good (after retries), by method and Telegram's error code. */
export function countApiErrors(metrics: Metrics): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) metrics.apiErrors.inc({ method, code: String(result.error_code) });
      return result;
    } catch (error) {
      const code = error instanceof GrammyError ? String(error.error_code) : error instanceof HttpError ? 'network' : 'internal';
      if (!(signal?.aborted && method === 'getUpdates')) metrics.apiErrors.inc({ method, code });
      throw error;
    }
  };
}

/**
 * Closest to the network (installed first): tells the ledger when a request made for an update leaves for Telegram
 * and how it came back, so a shutdown deadline knows which answers are out (see UpdateLedger.close). Once the ledger
 * is closed, nothing more goes out for an update: it is recorded as done or left for the next run.
 */
export function trackAnswers(ledger: UpdateLedger): Transformer {
  return async (prev, method, payload, signal) => {
    const owner = requestOwner(payload);
    if (owner === undefined) return prev(method, payload, signal);
    if (ledger.isClosed) throw new Error(`not sending ${method}: the bot is stopping and update ${owner} is left for the next run`);
    ledger.requestSent(owner);
    let ok = false;
    try {
      const result = await prev(method, payload, signal);
      ok = result.ok;
      return result;
    } finally {
      ledger.requestEnded(owner, ok);
    }
  };
}
