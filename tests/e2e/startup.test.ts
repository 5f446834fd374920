import { afterAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';

let tg: FakeTelegram | undefined;
let bot: BotProcess | undefined;
afterAll(async () => {
  bot?.kill();
  await tg?.close();
});

describe('startup while Telegram is unreachable', () => {
  it('reports 503 on /healthz and keeps retrying instead of exiting, then becomes ready', async () => {
    tg = await FakeTelegram.start();
    tg.injectFault('getMe', 'drop', 2);
    bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
    await bot.waitForLog(/http server listening/);
    const early = await bot.health();
    expect(early.status).toBe(503);
    expect(early.body).toMatchObject({ ready: false, mode: 'polling' });
    await bot.waitForLog(/polling for updates/, 60_000);
    expect(bot.child.exitCode).toBeNull();
    expect((await bot.health()).status).toBe(200);
    expect(tg.callsTo('getMe').length).toBeGreaterThanOrEqual(3);
  }, 90_000);
});
