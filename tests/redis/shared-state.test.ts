import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Transformer } from 'grammy';
import { RedisLink } from '../../src/redis/connection.ts';
import { sharedFloodLimiter } from '../../src/redis/flood-limiter.ts';
import { redisLanguageStorage } from '../../src/redis/language-storage.ts';
import { PollingLease } from '../../src/redis/polling-lease.ts';
import { RedisUpdateClaims } from '../../src/redis/update-claims.ts';
import { redisWindowCounters } from '../../src/redis/window-counters.ts';
import { haveRedis, RedisServer } from '../support/redis-server.ts';

/** A logger whose lines the test can read. */
function capturedLogger(): { logger: pino.Logger; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

let redis: RedisServer;
const links: RedisLink[] = [];
async function link(prefix = 'rqa:test:', downLogIntervalMs?: number): Promise<{ link: RedisLink; lines: Array<{ level: number; msg: string }> }> {
  const { logger, lines } = capturedLogger();
  const l = new RedisLink({ url: redis.url, keyPrefix: prefix, logger, ...(downLogIntervalMs ? { downLogIntervalMs } : {}) });
  links.push(l);
  expect(await l.ready(5_000)).toBe(true);
  return { link: l, lines };
}

describe.skipIf(!haveRedis)('shared state in Redis', () => {
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
    await redis?.close();
  });

  it('counts a per-user limit across replicas, in a sliding window', async () => {
    const a = redisWindowCounters((await link()).link)('questions', { limit: 3, windowMs: 400 });
    const b = redisWindowCounters((await link()).link)('questions', { limit: 3, windowMs: 400 });
    const results = [await a.take('user:1'), await b.take('user:1'), await a.take('user:1'), await b.take('user:1')];
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterMs).toBeGreaterThan(0);
    expect(results[3]!.retryAfterMs).toBeLessThanOrEqual(400);
    expect((await a.take('user:2')).allowed).toBe(true);
    await new Promise((r) => setTimeout(r, results[3]!.retryAfterMs + 20));
    expect((await b.take('user:1')).allowed).toBe(true);
  });

  it('keeps the flood pace of a chat and of the bot across replicas', async () => {
    const paces = { global: { minTimeMs: 30, intervalMs: 30, burst: 1 }, group: { minTimeMs: 60, intervalMs: 150, burst: 3 }, private: { minTimeMs: 100, intervalMs: 100, burst: 1 } };
    const unused: Transformer = () => Promise.reject(new Error('the local throttler is only for when Redis is down'));
    const limiters = [sharedFloodLimiter((await link()).link, unused, paces), sharedFloodLimiter((await link()).link, unused, paces)];
    const sent: Array<{ chat: number; at: number }> = [];
    const send = (limiter: Transformer, chat: number) =>
      limiter(
        async (_method, payload) => {
          sent.push({ chat: (payload as { chat_id: number }).chat_id, at: Date.now() });
          return { ok: true, result: true as never };
        },
        'sendMessage',
        { chat_id: chat, text: 'x' } as never,
      );
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => send(limiters[i % 2]!, i < 6 ? -100 : 7 + (i % 3))));
    // The limiter grants sends their times; a send is stamped when its callback runs, which a busy event loop can
    // delay by some milliseconds, narrowing the gap to the next one. So single gaps get that much slack, and the
    // pace is held to over the whole run: n sends cannot be spread over less than (n - 1) paces.
    const JITTER = 15;
    const group = sent.filter((s) => s.chat === -100).map((s) => s.at - started);
    // at least 60 ms apart, and at most 3 + t/150 sends in any t ms (a burst of 3, then one per 150 ms): 6 take 450 ms
    for (let i = 1; i < group.length; i++) expect(group[i]! - group[i - 1]!).toBeGreaterThanOrEqual(60 - JITTER);
    expect(group[5]! - group[0]!).toBeGreaterThanOrEqual(450 - JITTER);
    const all = sent.map((s) => s.at).sort((x, y) => x - y);
    for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBeGreaterThanOrEqual(30 - JITTER);
    expect(all[all.length - 1]! - all[0]!).toBeGreaterThanOrEqual((all.length - 1) * 30 - JITTER);
    for (const chat of [7, 8, 9]) {
      const times = sent.filter((s) => s.chat === chat).map((s) => s.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100 - JITTER);
    }
  });

  it('lets one replica handle an update delivered to two, and the other take it over when the first dies', async () => {
    const a = new RedisUpdateClaims((await link()).link, { replica: 'a', heartbeatTtlMs: 300, waitMs: 5_000 });
    const b = new RedisUpdateClaims((await link()).link, { replica: 'b', heartbeatTtlMs: 300, waitMs: 5_000 });
    a.start();
    b.start();
    expect(await a.claim(1)).toBe(true);
    const second = b.claim(1);
    await new Promise((r) => setTimeout(r, 200));
    await a.done(1);
    expect(await second).toBe(false);
    expect(await b.claim(1)).toBe(false);

    expect(await a.claim(2)).toBe(true);
    await a.stop(); // as if killed: no heartbeat, the claim stays open
    const started = Date.now();
    expect(await b.claim(2)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    await b.stop();
  });

  it('lets one instance poll: a second one is told who holds the lease, until it is released', async () => {
    const first = new PollingLease((await link()).link, 1_000);
    const second = new PollingLease((await link()).link, 1_000);
    expect(await first.acquire()).toEqual({ held: true });
    const refused = await second.acquire();
    expect(refused).toEqual({ held: false, holder: first.holder });
    expect(first.holder).toMatch(/pid \d+ since \d{4}-/);
    await first.release();
    expect(await second.acquire()).toEqual({ held: true });
    await second.release();
  });

  it("shares each user's language choice, renewing its expiry when read", async () => {
    const one = await link();
    const a = redisLanguageStorage(one.link, 30);
    const b = redisLanguageStorage((await link()).link, 30);
    await a.write('77', { language: 'kk' });
    expect(await b.read('77')).toEqual({ language: 'kk' });
    expect(await b.read('78')).toBeUndefined();
    await one.link.client.expire('language:77', 5);
    await b.read('77');
    await new Promise((r) => setTimeout(r, 50));
    expect(await one.link.client.ttl('language:77')).toBeGreaterThan(29 * 86_400);
  });

  it('falls back to per-process state while Redis is down, logs it once per interval, and recovers', async () => {
    const { link: l, lines } = await link('rqa:down:', 60_000);
    const counter = redisWindowCounters(l)('questions', { limit: 2, windowMs: 60_000 });
    const storage = redisLanguageStorage(l, 30);
    let localSends = 0;
    const local: Transformer = (prev, method, payload, signal) => {
      localSends += 1;
      return prev(method, payload, signal);
    };
    const flood = sharedFloodLimiter(l, local);
    const claims = new RedisUpdateClaims(l, { replica: 'c' });
    await redis.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(l.status).toBe('down');

    expect((await counter.take('user:9')).allowed).toBe(true);
    expect((await counter.take('user:9')).allowed).toBe(true);
    expect((await counter.take('user:9')).allowed).toBe(false); // the local counter still limits
    await storage.write('9', { language: 'ru' });
    expect(await storage.read('9')).toEqual({ language: 'ru' }); // kept in this process meanwhile
    const result = await flood(async () => ({ ok: true, result: true as never }), 'sendMessage', { chat_id: 9, text: 'x' } as never);
    expect(result.ok).toBe(true);
    expect(localSends).toBe(1);
    expect(await claims.claim(99)).toBe(true); // answered rather than lost
    const downLines = lines.filter((line) => /Redis unreachable/.test(line.msg));
    expect(downLines).toHaveLength(1);

    await redis.run();
    expect(await l.ready(5_000)).toBe(true);
    expect(l.status).toBe('up');
    expect(lines.some((line) => /Redis reachable again/.test(line.msg))).toBe(true);
    expect((await counter.take('user:10')).allowed).toBe(true);
  });
});
