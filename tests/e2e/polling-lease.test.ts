import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { haveRedis, RedisServer } from '../support/redis-server.ts';
import { UpdateBuilder } from '../support/update-builders.ts';

let redis: RedisServer;
let tg: FakeTelegram;
const started: BotProcess[] = [];

function poller(): BotProcess {
  const bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, BOT_MODE: 'polling', REDIS_URL: redis.url });
  started.push(bot);
  return bot;
}

describe.skipIf(!haveRedis)('polling with REDIS_URL: one instance polls', () => {
  beforeAll(async () => {
    redis = await RedisServer.start();
    tg = await FakeTelegram.start();
  });
  afterAll(async () => {
    for (const bot of started) bot.kill();
    await tg?.close();
    await redis?.close();
  });

  it('refuses to start a second poller, naming the one that polls; starts once the first has stopped', async () => {
    const first = poller();
    await first.waitForLog(/polling for updates/);
    const second = poller();
    expect(await second.exit()).toBe(1);
    const stderr = second.logs.join('\n');
    expect(stderr).toContain('POLLING_LEASE_HELD');
    expect(stderr).toMatch(/Another instance is already polling this bot \(.+ pid \d+ since /);
    expect(stderr).toContain('BOT_MODE=webhook');
    expect((await first.health()).status).toBe(200);

    expect((await first.stop('SIGTERM')).code).toBe(0);
    const third = poller();
    await third.waitForLog(/polling for updates/);
    const b = new UpdateBuilder({ fake: tg, assignUpdateIds: false });
    const update = b.privateText('How many polling stations were there?');
    tg.pushUpdate(update);
    await tg.waitFor(() => tg.sentMessages(update.message!.chat.id).length === 1, 15_000);
  }, 60_000);
});
