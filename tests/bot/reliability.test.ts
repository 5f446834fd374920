import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { resendWithoutMissingReply } from '../../src/bot/api-transformers.ts';
import { createLogger } from '../../src/logger.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { createTestBot, TEST_TOKEN } from '../support/bot-harness.ts';
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
    expect((await t.metrics.registry.getSingleMetricAsString('bot_rate_limited_total'))).toMatch(/bot_rate_limited_total 1/);
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
