import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { FakeTelegram, type RecordedCall } from '../support/fake-telegram.ts';
import { haveRedis, RedisServer } from '../support/redis-server.ts';
import { PROJECT_ROOT } from '../support/run-process.ts';
import { UpdateBuilder } from '../support/update-builders.ts';

/**
 * Two webhook replicas, each started from its own copy of the project (its own .cache/), sharing one Redis, behind
 * a load balancer that this test plays together with Telegram: it posts each update to a replica and, when that
 * replica does not answer 200 (killed), delivers it again to the other, as Telegram redelivers a failed update.
 */
const SECRET = 'replica_secret-0123456789';
const QUESTION = 'How many polling stations were there?';

let redis: RedisServer;
let tg: FakeTelegram;
let b: UpdateBuilder;
const copies: string[] = [];
const replicas: BotProcess[] = [];
let hookPath: string;

function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rqa-replica-'));
  for (const entry of ['src', 'locales', 'corpus', 'package.json', 'tsconfig.json']) cpSync(join(PROJECT_ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
  copies.push(dir);
  return dir;
}

async function startReplica(webhookUrl: string): Promise<BotProcess> {
  const port = await freePort();
  const env = { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, BOT_MODE: 'webhook', WEBHOOK_URL: webhookUrl, WEBHOOK_SECRET: SECRET, PORT: String(port), REDIS_URL: redis.url };
  const replica = BotProcess.start(env, { cwd: projectCopy() });
  replicas.push(replica);
  await replica.waitForLog(/webhook set/, 30_000);
  return replica;
}

/** One POST of the update to a replica's webhook; the HTTP status, or 0 when the connection failed. */
async function post(replica: BotProcess, update: Update): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${replica.port}${hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(30_000),
    });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

/** Telegram behind a load balancer: the first replica, then (when it fails) the others, until one says 200. */
async function deliver(update: Update, order: BotProcess[]): Promise<BotProcess> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const replica = order[attempt % order.length]!;
    if (replica.child.exitCode === null && replica.child.signalCode === null && (await post(replica, update)) === 200) return replica;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`update ${update.update_id} was not delivered`);
}

const answersTo = (chatId: number): RecordedCall[] => tg.sentMessages(chatId);

describe.skipIf(!haveRedis)('two webhook replicas sharing one Redis', () => {
  let a: BotProcess;
  let c: BotProcess;

  beforeAll(async () => {
    redis = await RedisServer.start();
    tg = await FakeTelegram.start({ enforceFloodLimits: true });
    b = new UpdateBuilder({ fake: tg, assignUpdateIds: false });
    const webhookUrl = `http://127.0.0.1:${await freePort()}/telegram/replicated`;
    hookPath = new URL(webhookUrl).pathname;
    [a, c] = await Promise.all([startReplica(webhookUrl), startReplica(webhookUrl)]);
  }, 90_000);

  afterAll(async () => {
    for (const replica of replicas) replica.kill();
    await tg?.close();
    await redis?.close();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('both report Redis up in /healthz', async () => {
    for (const replica of [a, c]) expect(await replica.health()).toMatchObject({ status: 200, body: { ready: true, mode: 'webhook', redis: 'up' } });
  });

  it('a /language choice made through one replica frames the answers of the other', async () => {
    const chooser = b.user({ id: 5001, language_code: 'en' });
    const other = b.user({ id: 5002, language_code: 'en' });
    await deliver(tg.recordIncoming(b.privateText('/language ru', { from: chooser })), [a]);
    await tg.waitFor(() => answersTo(chooser.id).length === 1, 10_000);
    await deliver(tg.recordIncoming(b.privateText(QUESTION, { from: chooser })), [c]);
    await deliver(tg.recordIncoming(b.privateText(QUESTION, { from: other })), [c]);
    await tg.waitFor(() => answersTo(chooser.id).length === 2 && answersTo(other.id).length === 1, 10_000);
    const framed = JSON.stringify(answersTo(chooser.id)[1]!.params);
    const plain = JSON.stringify(answersTo(other.id)[0]!.params);
    expect(framed).toContain('10,012');
    expect(framed).toMatch(/Источник|Ещё/);
    expect(plain).toContain('10,012');
    expect(plain).not.toMatch(/[А-Яа-я]/);
  });

  it('answers an update delivered to both replicas once', async () => {
    for (let i = 0; i < 5; i++) {
      const asker = b.user({ id: 5100 + i, language_code: 'en' });
      const update = tg.recordIncoming(b.privateText(QUESTION, { from: asker }));
      const statuses = await Promise.all([post(a, update), post(c, update)]);
      expect(statuses).toEqual([200, 200]);
      await new Promise((r) => setTimeout(r, 100));
      expect(answersTo(asker.id)).toHaveLength(1);
    }
  });

  it("keeps Telegram's overall flood limit across both replicas (each alone may send 27 a second)", async () => {
    const askers = Array.from({ length: 60 }, (_, i) => b.user({ id: 6000 + i, language_code: 'en' }));
    const updates = askers.map((asker) => tg.recordIncoming(b.privateText(QUESTION, { from: asker })));
    await Promise.all(updates.map((update, i) => deliver(update, i % 2 === 0 ? [a, c] : [c, a])));
    await tg.waitFor(() => askers.every((asker) => answersTo(asker.id).length >= 1), 20_000);
    for (const asker of askers) expect(answersTo(asker.id)).toHaveLength(1);
    expect(tg.floodViolations()).toEqual([]);
    expect(tg.calls.filter((call) => !call.ok && call.error?.error_code === 429)).toEqual([]);
  }, 40_000);

  it('when one replica is killed mid-burst, every question is answered by the other, and twice only if it was being sent at the kill', async () => {
    const askers = Array.from({ length: 40 }, (_, i) => b.user({ id: 7000 + i, language_code: 'en' }));
    const updates = askers.map((asker) => tg.recordIncoming(b.privateText(QUESTION, { from: asker })));
    const before = tg.sentMessages().length;
    const deliveries = updates.map((update, i) => deliver(update, i % 2 === 0 ? [a, c] : [c, a]));
    await tg.waitFor(() => tg.sentMessages().length - before >= 8, 20_000);
    a.kill();
    const handledBy = await Promise.all(deliveries);
    await tg.waitFor(() => askers.every((asker) => answersTo(asker.id).length >= 1), 30_000);
    await new Promise((r) => setTimeout(r, 500));
    const counts = askers.map((asker) => answersTo(asker.id).length);
    // Nothing is lost. An answer Telegram had taken when SIGKILL came, before the replica could mark its update
    // done in Redis, is answered again by the survivor (at least once: the alternative would lose answers whose
    // send the kill cut short); that can only be the few sends in flight at that instant.
    expect(counts.every((n) => n >= 1), JSON.stringify(counts)).toBe(true);
    expect(counts.filter((n) => n > 1).length, JSON.stringify(counts)).toBeLessThanOrEqual(2);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(handledBy.filter((replica) => replica === c).length).toBeGreaterThan(20);
    expect(await c.health()).toMatchObject({ status: 200, body: { ready: true, redis: 'up' } });
  }, 60_000);

  it('keeps answering while Redis is down, shows it in /healthz, and recovers when it is back', async () => {
    await redis.stop();
    const asker = b.user({ id: 8001, language_code: 'en' });
    await deliver(tg.recordIncoming(b.privateText(QUESTION, { from: asker })), [c]);
    await tg.waitFor(() => answersTo(asker.id).length === 1, 10_000);
    expect(await c.health()).toMatchObject({ status: 200, body: { ready: true, redis: 'down' } });
    await c.waitForLog(/Redis unreachable/);
    await redis.run();
    const deadline = Date.now() + 10_000;
    while ((await c.health()).body.redis !== 'up' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await c.health()).body.redis).toBe('up');
    expect(c.logs.filter((line) => /Redis unreachable/.test(line)).length).toBeLessThanOrEqual(2);
    expect(tg.rejected().filter((call) => call.error?.error_code !== 429)).toEqual([]);
  }, 30_000);
});
