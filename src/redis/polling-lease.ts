import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisLink } from './connection.ts';

/** Takes the lease when free (or already ours); otherwise returns who holds it. */
const ACQUIRE = `
local v = redis.call('GET', KEYS[1])
if v and v ~= ARGV[1] then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;
/** Deletes the lease only when it is ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface LeaseScripts {
  rqaLeaseAcquire(key: string, holder: string, ttlMs: number): Promise<string | null>;
  rqaLeaseRelease(key: string, holder: string): Promise<number>;
}

export type LeaseOutcome = { held: true } | { held: false; holder: string } | { held: 'unknown'; error: unknown };

/**
 * Telegram lets one getUpdates consumer poll a bot: with several instances sharing a Redis, the one holding this
 * lease polls and the others refuse to start. The lease lapses `ttlMs` after its holder stops renewing it (killed),
 * and is released at once by a clean stop, so a restart or an upgrade does not wait for it.
 */
export class PollingLease {
  /** Who holds the lease, readable in an error message: "<host> pid <pid> since <time> (<id>)". */
  readonly holder = `${hostname()} pid ${process.pid} since ${new Date().toISOString()} (${randomUUID().slice(0, 8)})`;
  private timer: NodeJS.Timeout | undefined;
  private readonly scripts: LeaseScripts;

  constructor(
    private readonly link: RedisLink,
    private readonly ttlMs = 30_000,
  ) {
    link.client.defineCommand('rqaLeaseAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    link.client.defineCommand('rqaLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
    this.scripts = link.client as unknown as LeaseScripts;
  }

  async acquire(): Promise<LeaseOutcome> {
    try {
      const other = await this.scripts.rqaLeaseAcquire('polling-lease', this.holder, this.ttlMs);
      return other === null ? { held: true } : { held: false, holder: other };
    } catch (error) {
      this.link.failed(error);
      return { held: 'unknown', error };
    }
  }

  /**
   * Renews the lease every third of its lifetime. When another instance holds it (this one was cut off from Redis
   * longer than the lease and another started meanwhile), `onLost` is called once and renewing stops. While Redis
   * is unreachable the lease cannot be renewed; this instance keeps polling (Telegram itself refuses a second
   * consumer with 409 Conflict).
   */
  keepRenewing(onLost: (holder: string) => void): void {
    this.timer = setInterval(() => {
      void this.acquire().then((outcome) => {
        if (outcome.held === false) {
          clearInterval(this.timer);
          onLost(outcome.holder);
        }
      });
    }, Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.scripts.rqaLeaseRelease('polling-lease', this.holder).catch(() => undefined);
  }
}
