import type { UpdateClaims } from '../bot/update-claims.ts';
import type { RedisLink } from './connection.ts';

/**
 * Claims an update for this replica. An update's key holds the replica handling it, or "=done" once handled.
 * A claim held by a replica whose heartbeat has expired (killed, frozen) is taken over: Telegram redelivers an
 * update whose webhook request got no answer, and the survivor must answer it.
 */
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v == '=done' then return 'done' end
if v == ARGV[1] then return 'busy' end
if v and redis.call('EXISTS', KEYS[2] .. v) == 1 then return 'busy' end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'mine'
`;

interface ClaimScript {
  rqaClaimUpdate(updateKey: string, heartbeatPrefix: string, replica: string, ttlMs: number): Promise<'done' | 'busy' | 'mine'>;
}

export interface RedisUpdateClaimsOptions {
  /** This replica's id (unique per process). */
  replica: string;
  /** A replica not heard from for this long is taken for dead and its claims are taken over (default 5 s). */
  heartbeatTtlMs?: number;
  /** How long an update delivered to a second replica waits for the first one to finish (default 20 s). */
  waitMs?: number;
  /** Telegram redelivers an update for up to 24 hours: claims are kept that long. */
  keepMs?: number;
}

/**
 * Webhook updates de-duplicated across replicas through Redis: the first replica to claim an update handles it;
 * another replica given the same update waits until it is handled (then drops it: it was answered) or until the
 * first replica's heartbeat lapses (then takes it over and answers it). So an update is answered once however many
 * replicas Telegram delivers it to, and not lost when the one handling it dies. When Redis cannot be asked, the
 * update is handled (an answer twice is better than none) and the link logs the outage.
 */
export class RedisUpdateClaims implements UpdateClaims {
  private readonly heartbeatTtlMs: number;
  private readonly waitMs: number;
  private readonly keepMs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly script: ClaimScript;

  constructor(
    private readonly link: RedisLink,
    private readonly options: RedisUpdateClaimsOptions,
  ) {
    this.heartbeatTtlMs = options.heartbeatTtlMs ?? 5_000;
    this.waitMs = options.waitMs ?? 20_000;
    this.keepMs = options.keepMs ?? 24 * 3_600_000;
    link.client.defineCommand('rqaClaimUpdate', { numberOfKeys: 2, lua: CLAIM });
    this.script = link.client as unknown as ClaimScript;
  }

  /** Starts the heartbeat that tells other replicas this one is alive. */
  start(): void {
    const beat = () => void this.link.client.set(`replica:${this.options.replica}`, '1', 'PX', this.heartbeatTtlMs).catch((error: unknown) => this.link.failed(error));
    beat();
    this.timer = setInterval(beat, Math.max(100, Math.floor(this.heartbeatTtlMs / 3)));
    this.timer.unref();
  }

  /** Stops the heartbeat (after the last update was handled): claims still open are then taken over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.link.client.del(`replica:${this.options.replica}`).catch(() => undefined);
  }

  async claim(updateId: number): Promise<boolean> {
    const deadline = Date.now() + this.waitMs;
    for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
      let outcome: 'done' | 'busy' | 'mine';
      try {
        outcome = await this.script.rqaClaimUpdate(`update:${updateId}`, 'replica:', this.options.replica, this.keepMs);
      } catch (error) {
        this.link.failed(error);
        return true;
      }
      if (outcome !== 'busy') return outcome === 'mine';
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async done(updateId: number): Promise<void> {
    await this.link.client.set(`update:${updateId}`, '=done', 'PX', this.keepMs).catch((error: unknown) => this.link.failed(error));
  }
}
