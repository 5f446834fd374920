import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { runMain, type ProcessResult } from '../support/run-process.ts';

let tg: FakeTelegram | undefined;
let bot: BotProcess | undefined;
afterAll(async () => {
  bot?.kill();
  await tg?.close();
});

interface WarnLine {
  level: number;
  attempt: number;
  retry_in_ms: number;
  msg: string;
}

describe('startup while Telegram is unreachable', () => {
  it('warns at the first failed getMe and at each retry (with a growing wait), reports 503, then becomes ready', async () => {
    tg = await FakeTelegram.start();
    tg.injectFault('getMe', 'drop', 3);
    bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
    await bot.waitForLog(/http server listening/);
    const early = await bot.health();
    expect(early.status).toBe(503);
    expect(early.body).toMatchObject({ ready: false, mode: 'polling' });
    // The first failure is reported at once, not after the client's own retries (about a minute before).
    await bot.waitForLog(/"attempt":1,.*Telegram not reachable/, 5_000);
    await bot.waitForLog(/polling for updates/, 60_000);
    const warnings = bot.logs.filter((l) => l.includes('Telegram not reachable')).map((l) => JSON.parse(l) as WarnLine);
    expect(warnings.map((w) => [w.level, w.attempt, w.retry_in_ms])).toEqual([
      [40, 1, 500],
      [40, 2, 1000],
      [40, 3, 2000],
    ]);
    expect(warnings[0]!.msg).toContain(`at ${tg.apiRoot} (attempt 1); retrying in 0.5 s`);
    expect(bot.child.exitCode).toBeNull();
    expect((await bot.health()).status).toBe(200);
    expect(tg.callsTo('getMe').length).toBe(4);
  }, 90_000);
});

/** One `error [CODE]: ...` message, and no stack trace. */
function expectActionableFailure(result: ProcessResult, code: string, words: RegExp): void {
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.code).not.toBeNull();
  expect(result.stderr).toMatch(new RegExp(`^error \\[${code}\\]: `, 'm'));
  expect(result.stderr).toMatch(words);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.split('\n').filter((l) => l.startsWith('error ['))).toHaveLength(1);
}

describe('expected startup failures: one actionable line, no stack trace, non-zero exit', () => {
  let fake: FakeTelegram | undefined;
  let blocker: Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
    blocker = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('a token Telegram rejects (401)', async () => {
    fake = await FakeTelegram.start();
    fake.injectFault('getMe', { error_code: 401, description: 'Unauthorized' });
    const result = await runMain({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, HOST: '127.0.0.1', PORT: '0' });
    expectActionableFailure(result, 'TELEGRAM_TOKEN_REJECTED', /Telegram rejected BOT_TOKEN \(401 Unauthorized\).*@BotFather/);
    expect(result.stderr).not.toContain(fake.token);
  });

  it('a port that is already in use', async () => {
    fake = await FakeTelegram.start();
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const result = await runMain({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, HOST: '127.0.0.1', PORT: String(port) });
    expectActionableFailure(result, 'PORT_IN_USE', new RegExp(`Port ${port} is already in use.*set PORT`));
    expect(fake.callsTo('getMe')).toHaveLength(0);
  });

  it('a broken corpus, naming the file and the field', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bad-corpus-'));
    writeFileSync(join(dir, 'broken.md'), '---\nid: broken\npublisher: X\ndate: "2022-02-31"\nlanguage: en\n---\nBody text.\n');
    const result = await runMain({ CORPUS_DIR: dir, HOST: '127.0.0.1', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error \[CORPUS_INVALID\]: /m);
    expect(result.stderr).toContain('broken.md [title]: is missing');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('webhook mode without BOT_TOKEN names it instead of starting the console', async () => {
    const result = await runMain({ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/tg/hook', WEBHOOK_SECRET: 'secret_1234567890' }, { input: 'When was the referendum held?\n' });
    expectActionableFailure(result, 'CONFIG_INVALID', /- BOT_TOKEN: is required in webhook mode/);
    expect(result.stdout).toBe('');
    const urlOnly = await runMain({ WEBHOOK_URL: 'https://bot.example.org/tg/hook' });
    expect(urlOnly.code).toBe(1);
    expect(urlOnly.stderr).toMatch(/BOT_TOKEN: is required in webhook mode \(WEBHOOK_URL is set\)/);
  });
});
