import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GrammyError } from 'grammy';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { resendWithoutMissingReply } from '../../src/bot/api-transformers.ts';
import { createLogger } from '../../src/logger.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { SlidingWindowLimiter } from '../../src/bot/rate-limit.ts';
import { BOT_INFO, createTestBot, TEST_TOKEN } from '../support/bot-harness.ts';
import { seededRandom } from '../support/chaos-helpers.ts';
import { DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

describe('per-user rate limit', () => {
  it('answers up to the limit, then sends one polite notice (not one per message) and drops the rest', async () => {
    const t = createTestBot({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const b = new UpdateBuilder();
    const en = { from: { ...DEFAULT_USER, language_code: 'en' } };
    for (let i = 0; i < 8; i++) await t.handle(b.privateText(`How many polling places were there? (${i})`, en));
    const texts = t.sent().map((c) => String(c.payload.text));
    expect(texts.filter((x) => x.includes('10,012'))).toHaveLength(3);
    expect(texts.filter((x) => x.includes('faster than I can keep up'))).toHaveLength(1);
    expect(texts).toHaveLength(4);
    // Another user is not affected.
    await t.handle(b.privateText('How many polling places were there?', { from: { id: 2002, is_bot: false, first_name: 'B' } }));
    expect(String(t.sent().at(-1)!.payload.text)).toContain('10,012');
    expect((await t.metrics.registry.getSingleMetricAsString('bot_rate_limited_total'))).toMatch(/bot_rate_limited_total 5/); // every dropped question (the metric's help), not just the one notice
  });

  // Issue 13: fixed windows let one user through with 60 answers in 4.5 s (30 before the edge, 30 after).
  it('is a sliding window: never more than the limit in any span of the window, edges included', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(30, 60_000, () => now);
    now = 59_000;
    for (let i = 0; i < 30; i++) expect(limiter.take('u')).toBe(true);
    now = 61_000; // a fixed window would have started afresh at 60 s
    expect(limiter.take('u')).toBe(false);
    expect(limiter.retryAfterMs('u')).toBe(58_000);
    now = 119_001;
    expect(limiter.take('u')).toBe(true);
    // Random traffic: count what got through in every 60-s span.
    const random = seededRandom(13);
    const allowed: number[] = [];
    const busy = new SlidingWindowLimiter(30, 60_000, () => now);
    for (let i = 0; i < 5_000; i++) {
      now += Math.floor(random() * 400);
      if (busy.take('v')) allowed.push(now);
    }
    let worst = 0;
    for (let hi = 0, lo = 0; hi < allowed.length; hi++) {
      while ((allowed[hi] as number) - (allowed[lo] as number) >= 60_000) lo++;
      worst = Math.max(worst, hi - lo + 1);
    }
    expect(worst).toBe(30);
    expect(busy.size).toBe(1);
  });

  it('anonymous group admins are limited per group (their chat), not as one shared user', async () => {
    const t = createTestBot({ rateLimit: { limit: 30, windowMs: 60_000 } });
    const b = new UpdateBuilder();
    const anonymous = { id: 1_087_968_824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
    for (let g = 0; g < 31; g++) {
      const chat = { id: -(4_000_000_000 + g), type: 'supergroup' as const, title: `Group ${g}` };
      const update = b.supergroupText('/ask How many polling places were there?', { chat, from: anonymous });
      (update.message as { sender_chat?: unknown }).sender_chat = chat;
      await t.handle(update);
    }
    const texts = t.sent().map((c) => String(c.payload.text));
    expect(texts.filter((x) => x.includes('10,012'))).toHaveLength(31);
    expect(texts.filter((x) => /faster than I can keep up|быстрее|жылдам/.test(x))).toHaveLength(0);
  });

  it('inline queries are limited too: past the limit an empty answer with a "slow down" button, a valid request', async () => {
    const t = createTestBot({ rateLimit: { limit: 30, windowMs: 60_000, inline: { limit: 2, windowMs: 60_000 } } });
    const b = new UpdateBuilder();
    const from = { ...DEFAULT_USER, language_code: 'en' };
    for (let i = 0; i < 3; i++) await t.handle(b.inlineQuery(`polling places ${i}`, { from }));
    const answers = t.calls.filter((c) => c.method === 'answerInlineQuery');
    expect(answers).toHaveLength(3);
    expect((answers[0]!.payload.results as unknown[]).length).toBeGreaterThan(0);
    expect(answers[2]!.payload.results).toEqual([]);
    expect(answers[2]!.payload.button).toEqual({ text: 'Too many questions — wait a minute', start_parameter: 'slow_down' });
    expect(answers[2]!.payload.cache_time).toBe(0);
    // Questions in chat have their own budget.
    await t.handle(b.privateText('How many polling places were there?', { from }));
    expect(String(t.sent().at(-1)!.payload.text)).toContain('10,012');
  });

  it('"More answers" presses spend the same budget as questions; a limited press is answered, not edited', async () => {
    const t = createTestBot({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const b = new UpdateBuilder();
    const from = { ...DEFAULT_USER, language_code: 'en' };
    const question = b.privateText('How many polling places were there?', { from });
    await t.handle(question);
    const shown = { message_id: 700, date: 0, chat: question.message!.chat, from: BOT_INFO, text: 'Answer 1 of 5\n…', reply_to_message: question.message } as unknown as Message;
    t.clear();
    await t.handle(b.callbackQuery('more:1', { message: shown, from }));
    expect(t.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(String(t.calls[0]!.payload.text)).toMatch(/faster than I can keep up[^]*60 seconds/);
  });
});

describe('inline floods', () => {
  it('a burst of inline queries from a user does not hold up that user’s chat', async () => {
    const t = createTestBot({ delayMs: (c) => (c.method === 'answerInlineQuery' ? 40 : 0) });
    const b = new UpdateBuilder();
    const inline = Array.from({ length: 20 }, (_, i) => t.handle(b.inlineQuery(`referendum ${i}`)));
    const started = Date.now();
    await t.handle(b.privateText('How many polling places were there?'));
    const chatMs = Date.now() - started;
    await Promise.all(inline);
    expect(chatMs).toBeLessThan(400); // behind 20 inline answers in a row it would take 800 ms
    expect(t.calls.filter((c) => c.method === 'answerInlineQuery')).toHaveLength(20);
  });
});

describe('metrics', () => {
  it('counts updates by type, answers vs abstentions, and retrieval latency', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    await t.handle(b.privateText('How many polling places were there?'));
    await t.handle(b.privateText('What is the capital of France?'));
    await t.handle(b.inlineQuery('referendum'));
    const text = await t.metrics.registry.metrics();
    expect(text).toMatch(/bot_updates_total\{type="message"\} 2/);
    expect(text).toMatch(/bot_updates_total\{type="inline_query"\} 1/);
    expect(text).toMatch(/bot_answers_total\{outcome="answered",place="private"\} 1/);
    expect(text).toMatch(/bot_answers_total\{outcome="abstained",place="private"\} 1/);
    expect(text).toMatch(/bot_retrieval_seconds_count 3/);
  });
});

describe('Bot API faults', () => {
  it('resends without the reply when the asking message was deleted', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const prev = async (_method: string, payload: Record<string, unknown>) => {
      seen.push(payload);
      return 'reply_parameters' in payload
        ? { ok: false as const, error_code: 400, description: 'Bad Request: message to be replied not found' }
        : { ok: true as const, result: { message_id: 1 } };
    };
    const result = await resendWithoutMissingReply(prev as never, 'sendMessage', { chat_id: 1, text: 'x', reply_parameters: { message_id: 5 } } as never);
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual({ chat_id: 1, text: 'x' });
  });

  it('a user who blocked the bot (403) is logged and skipped, without an apology attempt', async () => {
    const t = createTestBot({
      failWith: (c) => (c.method === 'sendMessage' ? new GrammyError('Call to sendMessage failed', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', c.payload) : undefined),
    });
    await expect(t.handle(new UpdateBuilder().privateText('When is the referendum held?'))).resolves.toBeUndefined();
    expect(t.sent()).toHaveLength(1);
  });
});

describe('security', () => {
  it('never writes the bot token or webhook secret to the logs', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const logger = createLogger('info', [TEST_TOKEN, 'hook-secret-123'], sink);
    logger.info({ botToken: TEST_TOKEN, url: `https://api.telegram.org/bot${TEST_TOKEN}/getMe` }, `failed with token ${TEST_TOKEN}`);
    logger.error({ err: new Error(`fetch https://api.telegram.org/bot${TEST_TOKEN}/sendMessage failed`), secret: 'hook-secret-123' }, 'boom hook-secret-123');
    const all = lines.join('');
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain('hook-secret-123');
    expect(all).toContain('[redacted]');
  });

  it('reads corpus files only from the corpus directory, not through links pointing elsewhere', () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    try {
      const doc = '---\nid: inside\ntitle: T\npublisher: P\ndate: "2022"\nlanguage: en\n---\nThe referendum text.\n';
      writeFileSync(join(outside, 'secret.md'), doc.replace('inside', 'secret'));
      writeFileSync(join(dir, 'inside.md'), doc);
      symlinkSync(join(outside, 'secret.md'), join(dir, 'linked.md'));
      const warnings: string[] = [];
      const docs = loadCorpus(dir, { onWarning: (w) => warnings.push(w) });
      expect(docs.map((d) => d.id)).toEqual(['inside']);
      expect(warnings.join()).toContain('linked.md');
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
