import type { Context } from 'grammy';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Retriever } from '../retrieval/types.ts';

/** What every handler gets on `ctx`: the dependencies createBot was given, and a logger for this update. */
export interface BotDependencies {
  config: Config;
  retriever: Retriever;
  logger: Logger;
  metrics: Metrics;
}

export type BotContext = Context & {
  deps: BotDependencies;
  log: Logger;
  /** May this user have another answer now? (per-user rate limit) */
  allowQuestion: () => Promise<boolean>;
};
