import { randomUUID } from 'node:crypto';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { StorageAdapter, Transformer } from 'grammy';
import type { UserSession } from '../bot/context.ts';
import { FLOOD_LIMITS } from '../bot/flood-limits.ts';
import type { WindowCounters } from '../bot/rate-limit.ts';
import type { Logger } from '../logger.ts';
import { RedisLink, redactUrl, type RedisStatus } from './connection.ts';
import { sharedFloodLimiter } from './flood-limiter.ts';
import { redisLanguageStorage } from './language-storage.ts';
import { PollingLease } from './polling-lease.ts';
import { RedisUpdateClaims } from './update-claims.ts';
import { redisWindowCounters } from './window-counters.ts';

/** How long startup waits for Redis before starting with per-process state (it keeps reconnecting). */
const CONNECT_WAIT_MS = 3_000;

export interface SharedStateOptions {
  url: string;
  /** The bot's id (the token's first part): keys are `rqa:<bot id>:…`, so bots can share one Redis. */
  botId: string;
  mode: 'polling' | 'webhook';
  userDataTtlDays: number;
  logger: Logger;
}

/** Everything replicas share through Redis; each part falls back to per-process behaviour while Redis is down. */
export interface SharedState {
  readonly status: RedisStatus;
  languageStorage: StorageAdapter<UserSession>;
  windowCounters: WindowCounters;
  floodLimiter: Transformer;
  /** Webhook mode: de-duplication of updates delivered to several replicas. */
  updateClaims: RedisUpdateClaims | undefined;
  /** Polling mode: only one instance polls. */
  pollingLease: PollingLease | undefined;
  close(): Promise<void>;
}

export async function openSharedState(options: SharedStateOptions): Promise<SharedState> {
  const { logger } = options;
  const link = new RedisLink({ url: options.url, keyPrefix: `rqa:${options.botId}:`, logger });
  if (await link.ready(CONNECT_WAIT_MS)) logger.info({ redis: redactUrl(options.url) }, 'Redis connected: language choices, rate limits and flood limits shared with other replicas');
  else logger.warn({ redis: redactUrl(options.url) }, `Redis not reachable within ${CONNECT_WAIT_MS / 1000} s: starting with per-process state, reconnecting in the background`);
  const updateClaims = options.mode === 'webhook' ? new RedisUpdateClaims(link, { replica: randomUUID() }) : undefined;
  updateClaims?.start();
  return {
    get status() {
      return link.status;
    },
    languageStorage: redisLanguageStorage(link, options.userDataTtlDays),
    windowCounters: redisWindowCounters(link),
    floodLimiter: sharedFloodLimiter(link, apiThrottler(FLOOD_LIMITS)),
    updateClaims,
    pollingLease: options.mode === 'polling' ? new PollingLease(link) : undefined,
    async close() {
      await updateClaims?.stop();
      await link.close();
    },
  };
}
