import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { I18n } from '@grammyjs/i18n';
import { Bot, MemorySessionStorage, session, type BotConfig, type StorageAdapter, type Transformer } from 'grammy';
import { FLOOD_LIMITS } from './flood-limits.ts';
import type { UserFromGetMe } from 'grammy/types';
import { createMetrics, type Metrics } from '../metrics.ts';
import { AnswerMemory } from './answer-memory.ts';
import { countApiErrors, resendWithoutMissingReply, trackAnswers } from './api-transformers.ts';
import type { BotContext, BotDependencies, UserSession } from './context.ts';
import { classifyError } from './errors.ts';
import { createI18n } from './i18n.ts';
import { createCallbacksFeature } from './features/callbacks.ts';
import { channelFeature } from './features/channel.ts';
import { commandsFeature } from './features/commands.ts';
import { editsFeature } from './features/edits.ts';
import { groupFeature } from './features/group.ts';
import { inlineFeature } from './features/inline.ts';
import { languageFeature } from './features/language.ts';
import { privateFeature } from './features/private.ts';
import { unhandledFeature } from './features/unhandled.ts';
import { markRequest, type UpdateLedger } from './update-ledger.ts';
import { createQuestionGate, DEFAULT_RATE_LIMIT, type RateLimitOptions, type WindowCounters } from './rate-limit.ts';
import { claimedUpdatesOnly, type UpdateClaims } from './update-claims.ts';
import { guardedStorage } from './session-storage.ts';
import { interfaceLanguage, sessionKey } from './user-language.ts';

/** The update types the bot handles; Telegram sends only these (and remembers the list). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'channel_post', 'inline_query', 'callback_query'] as const;


export interface CreateBotOptions extends Omit<BotDependencies, 'metrics' | 'answers'> {
  metrics?: Metrics;
  /** Which answer replied to which question, for edits; default: a new bounded in-memory map. */
  answers?: AnswerMemory;
  /** Per-user question limit; false turns it off (tests, benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Known bot identity (tests, or a second start); otherwise bot.init() asks getMe. */
  botInfo?: UserFromGetMe;
  /** Keep Telegram's flood limits with a throttler (on in production; benchmarks compare with it off). */
  throttle?: boolean;
  /** The throttler, when not this process's own (FLOOD_LIMITS): e.g. one shared by replicas. */
  floodLimiter?: Transformer;
  /** Where per-user rate limits are counted; default: in this process. */
  windowCounters?: WindowCounters;
  /** Webhook replicas: handle an update only when this replica claims it (de-duplication across replicas). */
  updateClaims?: UpdateClaims;
  /** Retry 429s, 5xx and network errors (on in production). */
  retry?: boolean;
  /** Polling only: decides whether each update's turn is handled, so a stop can skip and redeliver the rest. */
  ledger?: UpdateLedger;
  /** Where each user's /language choice is kept (any grammY storage adapter); default: in memory. */
  storage?: StorageAdapter<UserSession>;
  /** The bot's messages (locales/*.ftl); default: createI18n(). */
  i18n?: I18n<BotContext>;
}

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const { config, retriever, logger } = options;
  if (!config.botToken) throw new Error('createBot needs config.botToken');
  const botConfig: BotConfig<BotContext> = { client: { apiRoot: config.apiRoot }, ...(options.botInfo ? { botInfo: options.botInfo } : {}) };
  const bot = new Bot<BotContext>(config.botToken, botConfig);

  const metrics = options.metrics ?? createMetrics();
  // Transformers wrap each other: the last installed runs first. The throttler sits closest to the network, so
  // every attempt, retries included, counts against Telegram's flood limits. The ledger's tracker is closer still: it
  // sees a request only when it really leaves (after throttling and retry delays).
  const ledger = options.ledger;
  if (ledger) bot.api.config.use(trackAnswers(ledger));
  if (options.throttle !== false) bot.api.config.use(options.floodLimiter ?? apiThrottler(FLOOD_LIMITS));
  if (options.retry !== false) bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false, rethrowHttpErrors: false }));
  bot.api.config.use(resendWithoutMissingReply, countApiErrors(metrics));

  const deps: BotDependencies = { config, retriever, logger, metrics, answers: options.answers ?? new AnswerMemory() };
  const questionGate = createQuestionGate(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.windowCounters);
  // Before the chat's queue: an update another replica is handling must not hold up this chat's next ones.
  if (options.updateClaims) bot.use(claimedUpdatesOnly(options.updateClaims, logger));
  // Updates of one chat are handled one after another (answers stay in order); different chats run concurrently.
  // Inline queries have their own queue per user, so a burst of them (one per keystroke) never holds up a chat.
  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : ctx.from ? `${ctx.inlineQuery ? 'inline' : 'user'}:${ctx.from.id}` : undefined)));
  if (ledger) {
    bot.use((ctx, next) => {
      if (!ledger.begin(ctx.update.update_id)) return;
      // Every request this update makes is marked as its own, for trackAnswers.
      const id = ctx.update.update_id;
      ctx.api.config.use((prev, method, payload, signal) => {
        markRequest(payload, id);
        return prev(method, payload, signal);
      });
      return next();
    });
  }
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = logger.child({ update_id: ctx.update.update_id, chat_type: ctx.chat?.type ?? (ctx.inlineQuery ? 'inline' : undefined) });
    ctx.allowQuestion = () => questionGate(ctx);
    metrics.updates.inc({ type: Object.keys(ctx.update).find((k) => k !== 'update_id') ?? 'unknown' });
    await next();
  });
  // The user's language choice, keyed by user id; updates without a user (channel posts) have no session.
  const storage = guardedStorage(options.storage ?? new MemorySessionStorage<UserSession>(), logger);
  bot.use(session<UserSession | undefined, BotContext>({ getSessionKey: sessionKey, storage }));
  bot.use(options.i18n ?? createI18n<BotContext>());
  bot.use((ctx, next) => {
    ctx.i18n.useLocale(interfaceLanguage(ctx));
    return next();
  });

  // Features, in the order they get a chance at an update; the catch-all is last.
  const features = bot.errorBoundary(handleFeatureError);
  features.use(commandsFeature);
  features.use(languageFeature);
  features.use(privateFeature);
  features.use(groupFeature);
  features.use(editsFeature);
  features.use(channelFeature);
  features.use(inlineFeature);
  features.use(createCallbacksFeature());
  features.use(unhandledFeature);

  bot.catch((err) => {
    const info = classifyError(err.error);
    logger.error({ update_id: err.ctx.update.update_id, err: info }, `update failed: ${info.code}`);
  });
  return bot;
}

/** A feature failed: log it with a code, and make sure the user is not left hanging on a spinner. */
async function handleFeatureError(err: { error: unknown; ctx: BotContext }): Promise<void> {
  const { ctx } = err;
  const info = classifyError(err.error);
  ctx.log.error({ err: info }, `feature failed: ${info.code}`);
  // ctx.t speaks the language of the reply that failed (or the interface language before a question was read).
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t('try-again') }).catch(() => undefined);
  } else if (ctx.chat?.type === 'private' && info.code !== 'TELEGRAM_FORBIDDEN') {
    await ctx.reply(ctx.t('something-wrong')).catch(() => undefined);
  }
}
