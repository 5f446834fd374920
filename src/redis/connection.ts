import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

export type RedisStatus = 'up' | 'down';

/** How long a command may take before it counts as failed: an answer is never held up longer by a sick Redis. */
const COMMAND_TIMEOUT_MS = 1_000;
/** While Redis is unreachable, at most one log line per this interval says so. */
const DOWN_LOG_INTERVAL_MS = 30_000;

export interface RedisLinkOptions {
  url: string;
  /** Every key of this bot starts with it (several bots may share one Redis). */
  keyPrefix: string;
  logger: Logger;
  /** At most one "unreachable" log line per this many ms (default 30 s). */
  downLogIntervalMs?: number;
}

/**
 * One connection to Redis, shared by every user of shared state in this process, and what is known of its health.
 * Commands fail at once while the connection is down (no offline queue) and after COMMAND_TIMEOUT_MS when Redis
 * does not answer, so every caller can fall back to its per-process behaviour instead of waiting; the client keeps
 * reconnecting in the background. Being down is logged when it starts, then at most once per interval, and when
 * it ends.
 */
export class RedisLink {
  readonly client: Redis;
  private downSince: number | undefined = Date.now();
  private lastDownLog = -Infinity;
  private failuresSinceLog = 0;
  private readonly logger: Logger;
  private readonly downLogIntervalMs: number;
  private readonly redactedUrl: string;

  constructor(options: RedisLinkOptions) {
    this.logger = options.logger;
    this.downLogIntervalMs = options.downLogIntervalMs ?? DOWN_LOG_INTERVAL_MS;
    this.redactedUrl = redactUrl(options.url);
    this.client = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      // Reconnect for ever, backing off to 2 s between attempts: Redis coming back is noticed within seconds.
      retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
      lazyConnect: false,
    });
    this.client.on('ready', () => {
      if (this.downSince !== undefined && this.lastDownLog !== -Infinity) {
        this.logger.info({ redis: this.redactedUrl, down_ms: Date.now() - this.downSince }, 'Redis reachable again; shared state restored');
      }
      this.downSince = undefined;
      this.lastDownLog = -Infinity;
      this.failuresSinceLog = 0;
    });
    this.client.on('error', (error: Error) => this.failed(error));
    this.client.on('close', () => {
      if (this.downSince === undefined) this.downSince = Date.now();
    });
  }

  get status(): RedisStatus {
    return this.client.status === 'ready' ? 'up' : 'down';
  }

  /** Waits until connected, or gives up after `timeoutMs` (the bot then starts with per-process state). */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  /** A command failed: the caller falls back; the first failure of an outage is logged at once, later ones sampled. */
  failed(error: unknown): void {
    if (this.downSince === undefined && this.client.status !== 'ready') this.downSince = Date.now();
    const now = Date.now();
    if (now - this.lastDownLog < this.downLogIntervalMs) {
      this.failuresSinceLog += 1;
      return;
    }
    this.logger.warn(
      { redis: this.redactedUrl, err: error instanceof Error ? error.message : String(error), ...(this.failuresSinceLog > 0 ? { failures_since_last_log: this.failuresSinceLog } : {}) },
      'Redis unreachable: answering with per-process limits and language choices until it is back',
    );
    this.lastDownLog = now;
    this.failuresSinceLog = 0;
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}
