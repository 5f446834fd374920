import { describe, expect, it } from 'vitest';
import { sourcesHtml } from '../../src/bot/format/answer.ts';
import { escapeHtml, truncate, visibleText } from '../../src/bot/format/html.ts';
import { createI18n, localizer } from '../../src/bot/i18n.ts';
import { parseTelegramHtml } from '../support/fake-telegram.ts';

const { t } = localizer(createI18n(), 'en');

describe('HTML formatting', () => {
  it('escapes everything Telegram HTML treats as markup', () => {
    expect(escapeHtml('<b>a & "b"</b>')).toBe('&lt;b&gt;a &amp; &quot;b&quot;&lt;/b&gt;');
    expect(visibleText(escapeHtml('<i>x</i> & y'))).toBe('<i>x</i> & y');
  });

  it('truncates on a word boundary without splitting an emoji', () => {
    expect(truncate('one two three four', 10)).toBe('one two…');
    const cut = truncate('🗳️'.repeat(50), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('lists sources within one Telegram message, however large the corpus', () => {
    const sources = Array.from({ length: 300 }, (_, i) => ({ id: `d${i}`, title: `A long article title number ${i} <about> the referendum & reforms`, publisher: 'Kazinform', date: '2022-06-05', url: `https://example.org/${i}`, language: 'en' }));
    const html = sourcesHtml(sources, t);
    const { text } = parseTelegramHtml(html);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('(300 documents)');
    expect(text).toContain('…');
    expect(parseTelegramHtml(sourcesHtml(sources.slice(0, 3), t)).text).not.toContain('…');
    expect(parseTelegramHtml(sourcesHtml(sources.slice(0, 1), t)).text).toContain('(1 document)');
    expect(t('not-in-sources', { documents: 1, question: 'q' })).toContain('My one document does not answer “q”.');
    expect(t('not-in-sources', { documents: 5, question: 'q' })).toContain('None of my 5 documents answers “q”.');
  });
});
