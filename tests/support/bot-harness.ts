import type { StorageAdapter } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { UserSession } from '../../src/bot/context.ts';
import pino from 'pino';
import { createBot } from '../../src/bot/create-bot.ts';
import type { RateLimitOptions } from '../../src/bot/rate-limit.ts';
import { createMetrics } from '../../src/metrics.ts';
import { loadConfig } from '../../src/config.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { Retriever } from '../../src/retrieval/types.ts';
import { parseTelegramHtml } from './fake-telegram.ts';

export const TEST_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi';
export const BOT_INFO = {
  id: 42,
  is_bot: true,
  first_name: 'Referendum Q&A',
  username: 'referendum_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

let sharedRetriever: Retriever | undefined;
export function corpusRetriever(): Retriever {
  sharedRetriever ??= createRetriever(loadCorpus('corpus'));
  return sharedRetriever;
}

/** Checks a request the way Telegram would, so a handleUpdate test fails on anything Telegram rejects. */
export function validateRequest(method: string, p: Record<string, unknown>): void {
  const checkText = (text: unknown, parseMode: unknown) => {
    if (typeof text !== 'string') throw new Error(`${method}: text missing`);
    const visible = parseMode === 'HTML' ? parseTelegramHtml(text).text : text;
    if (visible.trim().length === 0 || visible.length > 4096) throw new Error(`${method}: text length ${visible.length}`);
  };
  const checkMarkup = (markup: unknown) => {
    const rows = (markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard;
    if (!rows) return;
    for (const button of rows.flat() as Array<Record<string, unknown>>) {
      const actions = Object.keys(button).filter((k) => k !== 'text');
      if (actions.length !== 1) throw new Error(`${method}: button with ${actions.length} actions`);
      if (typeof button.text !== 'string' || !button.text.trim()) throw new Error(`${method}: empty button text`);
      if (typeof button.callback_data === 'string' && (Buffer.byteLength(button.callback_data) > 64 || !button.callback_data)) throw new Error(`${method}: callback_data too long`);
      if (typeof button.url === 'string' && !/^(https?|tg):\/\//.test(button.url)) throw new Error(`${method}: bad url`);
    }
  };
  if (method === 'sendMessage' || method === 'editMessageText') {
    checkText(p.text, p.parse_mode);
    checkMarkup(p.reply_markup);
  }
  if (method === 'answerInlineQuery') {
    const results = p.results as Array<Record<string, unknown>>;
    if (results.length > 50) throw new Error('too many inline results');
    const ids = results.map((r) => r.id as string);
    if (new Set(ids).size !== ids.length || ids.some((id) => !id || Buffer.byteLength(id) > 64)) throw new Error('bad inline result ids');
    for (const r of results) {
      const content = r.input_message_content as Record<string, unknown>;
      checkText(content.message_text, content.parse_mode);
      checkMarkup(r.reply_markup);
      if (typeof r.title !== 'string' || !r.title) throw new Error('inline result without title');
    }
    if (typeof p.next_offset === 'string' && Buffer.byteLength(p.next_offset) > 64) throw new Error('next_offset too long');
  }
  if (method === 'answerCallbackQuery' && typeof p.text === 'string' && p.text.length > 200) throw new Error('callback answer text too long');
}

/** A bot wired like production, with Telegram replaced by a recording transformer (no network, no getMe). */
export function createTestBot(
  options: {
    retriever?: Retriever;
    failWith?: (call: ApiCall) => unknown;
    rateLimit?: RateLimitOptions | false;
    delayMs?: (call: ApiCall) => number;
    /** Where /language choices are kept (default: in memory, fresh for each bot). */
    storage?: StorageAdapter<UserSession>;
  } = {},
) {
  const config = loadConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' });
  const logger = pino({ level: 'silent' });
  const retriever = options.retriever ?? corpusRetriever();
  const metrics = createMetrics();
  const bot = createBot({ config, retriever, logger, metrics, botInfo: BOT_INFO, throttle: false, retry: false, rateLimit: options.rateLimit ?? false, ...(options.storage ? { storage: options.storage } : {}) });
  const calls: ApiCall[] = [];
  let messageId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    calls.push(call);
    validateRequest(method, call.payload);
    const delay = options.delayMs?.(call) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const failure = options.failWith?.(call);
    if (failure) throw failure;
    const p = call.payload;
    if (method === 'sendMessage' || method === 'editMessageText') {
      const chat = { id: p.chat_id as number, type: 'private' };
      const result = { message_id: (p.message_id as number | undefined) ?? ++messageId, date: 0, chat, from: BOT_INFO, text: parseTelegramHtml(String(p.text)).text };
      return { ok: true, result } as never;
    }
    return { ok: true, result: true } as never;
  });
  return {
    bot,
    metrics,
    calls,
    retriever,
    handle: (update: Update) => bot.handleUpdate(update),
    sent: () => calls.filter((c) => c.method === 'sendMessage'),
    clear: () => calls.splice(0),
  };
}
