import { beforeEach, describe, expect, it } from 'vitest';
import { createTestBot } from '../support/bot-harness.ts';
import { DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

const EN = { from: { ...DEFAULT_USER, language_code: 'en' } };

let t: ReturnType<typeof createTestBot>;
let b: UpdateBuilder;
beforeEach(() => {
  t = createTestBot();
  b = new UpdateBuilder();
});

describe('small talk', () => {
  it('a greeting gets a friendly reply with example questions, not a refusal or a quote', async () => {
    await t.handle(b.privateText('hi!', EN));
    const text = String(t.sent().at(-1)!.payload.text);
    expect(text).toMatch(/^👋 Hello!/);
    expect(text).toContain('When was the referendum held?');
    expect(text).not.toMatch(/Not in my sources|<blockquote>/);
  });

  it('thanks in Russian is answered in Russian, in Kazakh in Kazakh', async () => {
    await t.handle(b.privateText('Спасибо!', EN));
    expect(String(t.sent().at(-1)!.payload.text)).toMatch(/^👋 Здравствуйте!/);
    await t.handle(b.privateText('Көп рақмет', EN));
    expect(String(t.sent().at(-1)!.payload.text)).toMatch(/^👋 Сәлеметсіз бе!/);
  });

  it('a greeting with a question is a question', async () => {
    await t.handle(b.privateText('hi, how many polling places were there?', EN));
    expect(String(t.sent().at(-1)!.payload.text)).toContain('10,012');
  });
});
