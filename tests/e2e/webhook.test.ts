import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { UpdateBuilder } from '../support/update-builders.ts';

const SECRET = 'e2e_secret-Token_0123456789';
let tg: FakeTelegram;
let b: UpdateBuilder;
let bot: BotProcess;
let url: string;

beforeAll(async () => {
  tg = await FakeTelegram.start();
  b = new UpdateBuilder({ fake: tg });
  const port = await freePort();
  url = `http://127.0.0.1:${port}/telegram/hook-path`;
  bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, BOT_MODE: 'webhook', WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, PORT: String(port) });
  await bot.waitForLog(/webhook set/);
}, 30_000);

afterAll(async () => {
  bot?.kill();
  await tg?.close();
});

describe('the bot process in webhook mode', () => {
  it('sets the webhook with the secret and the update types it handles, and reports healthy', async () => {
    expect(tg.webhook()).toMatchObject({ url, secret_token: SECRET });
    expect(tg.webhook()!.allowed_updates).toEqual(expect.arrayContaining(['message', 'channel_post', 'inline_query', 'callback_query']));
    expect(tg.callsTo('getUpdates')).toHaveLength(0);
    const health = await bot.health();
    expect(health).toMatchObject({ status: 200, body: { ready: true, mode: 'webhook' } });
  });

  it('answers updates Telegram delivers with the right secret', async () => {
    const update = b.privateText('How many polling places were there for the referendum?');
    tg.pushUpdate(update);
    await tg.waitFor(() => tg.sentMessages(update.message!.chat.id).length > 0, 10_000);
    expect(String((tg.sentMessages(update.message!.chat.id)[0]!.result as { text: string }).text)).toContain('10,012');
    expect(tg.webhookDeliveries.every((d) => d.status === 200)).toBe(true);
  });

  it('refuses requests without the right secret with 401 and processes nothing from them', async () => {
    const forged = b.privateText('When is the referendum held?');
    const before = tg.sentMessages().length;
    const attempts: Array<Record<string, string>> = [{}, { 'X-Telegram-Bot-Api-Secret-Token': 'wrong' }, { 'X-Telegram-Bot-Api-Secret-Token': `${SECRET}x` }];
    for (const headers of attempts) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(forged) });
      expect(res.status).toBe(401);
    }
    const wrongPath = await fetch(url.replace('hook-path', 'other'), { method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: JSON.stringify(forged) });
    expect(wrongPath.status).toBe(404);
    const garbage = await fetch(url, { method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: '{not json' });
    expect(garbage.status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(tg.sentMessages().length).toBe(before);
  });

  it('stops with exit code 0 on SIGTERM, and nothing was rejected', async () => {
    const stopped = await bot.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(tg.rejected()).toEqual([]);
  });
});

describe('startup failures a person can act on', () => {
  it('exits non-zero naming every bad variable', async () => {
    const bad = BotProcess.start({ BOT_TOKEN: 'not-a-token', BOT_MODE: 'webhook', PORT: 'eighty', LOG_LEVEL: 'loud' });
    const { code } = await new Promise<{ code: number | null }>((resolve) => bad.child.on('exit', (c) => resolve({ code: c })));
    const stderr = bad.logs.join('\n');
    expect(code).toBe(1);
    for (const v of ['BOT_TOKEN', 'PORT', 'LOG_LEVEL', 'WEBHOOK_URL', 'WEBHOOK_SECRET']) expect(stderr).toContain(v);
    expect(stderr).not.toContain('not-a-token');
  });
});
