import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context, SessionFlavor } from 'grammy';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Retriever } from '../retrieval/types.ts';
import type { AnswerMemory } from './answer-memory.ts';
import type { Lang } from './i18n.ts';

/** What every handler gets on `ctx`: the dependencies createBot was given, and a logger for this update. */
export interface BotDependencies {
  config: Config;
  retriever: Retriever;
  logger: Logger;
  metrics: Metrics;
  /** Which answer message replied to which question (for edited questions). */
  answers: AnswerMemory;
}

/** What is kept per user (keyed by user id): only their /language choice. Undefined until they make one. */
export interface UserSession {
  language?: Lang;
}

/**
 * ctx.t speaks the interface language (the /language choice, else the app's language); a handler answering a
 * question switches it to the answer's language (see user-language.ts).
 */
export type BotContext = Context &
  SessionFlavor<UserSession | undefined> &
  I18nFlavor & {
    deps: BotDependencies;
    log: Logger;
    /** May this person have another answer now? (sliding-window rate limit; when not, they have been told) */
    allowQuestion: () => Promise<boolean>;
  };
