import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusVersion } from '../../src/retrieval/index/snapshot.ts';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { FakeTelegram, type RecordedCall } from '../support/fake-telegram.ts';
import { NEW_DOCUMENT, NEW_QUESTION } from '../support/new-document.ts';
import { PROJECT_ROOT } from '../support/run-process.ts';
import { DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

const SECRET = 'reload_secret-Token_0123456789';
const STREAM_QUESTION = 'How many polling places were there for the referendum?';
let tg: FakeTelegram;
let b: UpdateBuilder;
let bot: BotProcess;
let corpusDir: string;

interface Asked {
  chatId: number;
  messageId: number;
}

/** Each question from a user of its own (so no one reaches the per-user limit), in English. */
let nextUser = 8_000_000;
function ask(text: string): Asked {
  const from = { ...DEFAULT_USER, id: nextUser++, language_code: 'en' };
  const update = b.privateText(text, { from });
  tg.pushUpdate(update);
  return { chatId: update.message!.chat.id, messageId: update.message!.message_id };
}
const replyTo = ({ chatId, messageId }: Asked): RecordedCall | undefined =>
  tg.sentMessages(chatId).find((c) => (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
const textOf = (call: RecordedCall | undefined) => String((call?.result as { text?: string } | undefined)?.text ?? '');
async function answerOf(asked: Asked): Promise<string> {
  await tg.waitFor(() => replyTo(asked) !== undefined, 10_000);
  return textOf(replyTo(asked));
}
const corpusHealth = async () => (await bot.health()).body.corpus as { version: string; documents: number; passages: number; loaded_at: string; last_reload: Record<string, unknown> | null };
const logLevels = () => bot.logs.flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as { level: number; msg: string }] : []));

/** Questions every `everyMs` until stopped; returns what was asked. */
function streamOfQuestions(everyMs: number): { stop(): Promise<Asked[]> } {
  const asked: Asked[] = [];
  const timer = setInterval(() => asked.push(ask(STREAM_QUESTION)), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      return asked;
    },
  };
}

beforeAll(async () => {
  corpusDir = mkdtempSync(join(tmpdir(), 'reload-e2e-'));
  cpSync(join(PROJECT_ROOT, 'corpus'), corpusDir, { recursive: true });
  tg = await FakeTelegram.start();
  b = new UpdateBuilder({ fake: tg });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/telegram/hook`;
  bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, BOT_MODE: 'webhook', WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, PORT: String(port), CORPUS_DIR: corpusDir });
  await bot.waitForLog(/webhook set/);
}, 30_000);

afterAll(async () => {
  bot?.kill();
  await tg?.close();
  // The index snapshot the bot saved for this temporary corpus (see loadRetriever).
  const key = createHash('sha256').update(resolve(corpusDir)).digest().subarray(0, 8).toString('hex');
  rmSync(join(PROJECT_ROOT, '.cache', `retrieval-${key}.snapshot`), { force: true });
  rmSync(corpusDir, { recursive: true, force: true });
});

describe('hot corpus reload of the running bot (SIGHUP)', () => {
  it('answers from a document added and announced with SIGHUP, and no question fails meanwhile', async () => {
    const before = await corpusHealth();
    expect(before).toMatchObject({ version: corpusVersion(corpusDir), documents: 5, last_reload: null });
    expect(await answerOf(ask(NEW_QUESTION))).toMatch(/Not in my sources/);

    const stream = streamOfQuestions(100);
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(join(corpusDir, 'aral-lighthouse-census.md'), NEW_DOCUMENT);
    bot.child.kill('SIGHUP');
    const reloaded = JSON.parse(await bot.waitForLog(/"msg":"corpus reloaded"/)) as Record<string, unknown>;
    const fresh = await answerOf(ask(NEW_QUESTION));
    await new Promise((r) => setTimeout(r, 500));
    const asked = await stream.stop();

    expect(fresh).toContain('4,217 seagulls');
    expect(fresh).toContain('Reload Test Gazette');
    // Built in a worker thread: this thread only loaded the snapshot it saved.
    expect(reloaded).toMatchObject({ reason: 'SIGHUP', documents: 6, version: corpusVersion(corpusDir), previous_version: before.version, source: 'snapshot', ms: expect.any(Number), blocked_ms: expect.any(Number) });
    expect(asked.length).toBeGreaterThanOrEqual(8);
    for (const question of asked) expect(await answerOf(question)).toContain('10,012');
    expect(tg.webhookDeliveries.every((d) => d.status === 200 && d.attempt === 1)).toBe(true);
    expect(tg.rejected()).toEqual([]);
    expect(logLevels().filter((l) => l.level >= 50)).toEqual([]);
    expect(bot.child.exitCode).toBeNull();

    const after = await bot.health();
    expect(after).toMatchObject({ status: 200, body: { ready: true, documents: 6, corpus: { version: corpusVersion(corpusDir), documents: 6, last_reload: { ok: true, changed: true } } } });
    expect((after.body.corpus as { version: string }).version).not.toBe(before.version);
    expect(await answerOf(ask('/sources'))).toContain('Seagull census at the Aral lighthouse');
  });

  it('keeps answering from the previous corpus when a new document is bad, naming the file in the log and /healthz', async () => {
    const before = await corpusHealth();
    writeFileSync(join(corpusDir, 'untitled.md'), NEW_DOCUMENT.replace(/^title: .*\n/m, '').replace('aral-lighthouse-census', 'untitled'));
    bot.child.kill('SIGHUP');
    const failed = JSON.parse(await bot.waitForLog(/"msg":"corpus reload failed/)) as Record<string, unknown>;

    expect(failed).toMatchObject({ level: 50, reason: 'SIGHUP', code: 'CORPUS_INVALID', problems: [{ file: 'untitled.md', field: 'title', message: 'is missing' }], serving_version: before.version });
    expect(await answerOf(ask(NEW_QUESTION))).toContain('4,217 seagulls');
    expect(await answerOf(ask(STREAM_QUESTION))).toContain('10,012');
    const health = await bot.health();
    expect(health).toMatchObject({ status: 200, body: { ready: true, documents: 6, corpus: { version: before.version, documents: 6, last_reload: { ok: false, code: 'CORPUS_INVALID', error: 'untitled.md [title]: is missing' } } } });
  });
});
