import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { citationHtml, formatDate, answerHtml, noAnswerHtml, sourceLanguageNote } from '../../src/bot/format/answer.ts';
import { visibleText } from '../../src/bot/format/html.ts';
import { chooseLanguage, createI18n, LANGUAGES, languageFromCode, LOCALES_DIR, localizer, pageShown, parseLanguageArgument, questionLanguage, type Lang } from '../../src/bot/i18n.ts';
import type { Answer, Source } from '../../src/retrieval/types.ts';

/** Keys built at run time (`language-${lang}`), which the regex over the source cannot see. */
const DYNAMIC_KEYS = LANGUAGES.map((lang) => `language-${lang}`);

function localeSource(lang: Lang): string {
  return readFileSync(join(LOCALES_DIR, `${lang}.ftl`), 'utf8');
}

/** Every message id and message.attribute id in a locale file (terms, "-name", are the locale's own business). */
function keysOf(lang: Lang): string[] {
  const resource = new FluentResource(localeSource(lang));
  const keys: string[] = [];
  for (const entry of resource.body) {
    if (entry.id.startsWith('-')) continue;
    keys.push(entry.id);
    for (const attribute of Object.keys(entry.attributes)) keys.push(`${entry.id}.${attribute}`);
  }
  return keys.sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Keys in calls like t('key'), ctx.t('key', …), i18n.t(lang, 'key'), fluent.translate(lang, 'key') across src/. */
function keysUsedInSource(): Map<string, string> {
  const used = new Map<string, string>();
  const call = /\b(?:t|translate)\(\s*(?:[\w.]+\s*,\s*)?['"]([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)?)['"]/g;
  for (const file of sourceFiles('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) used.set(m[1]!, relative('.', file));
  }
  return used;
}

const SAMPLE_ARGS = { n: 2, total: 5, question: 'What &amp; when?', documents: 5, passages: 119, max: 500, seconds: 60, count: 12, bot: 'referendum_test_bot', language: 'en', year: '2022', month: 6, day: 30 };
const VARIANT_ARGS = [...Array.from({ length: 12 }, (_, i) => ({ month: i + 1 })), ...['en', 'ru', 'kk', 'de'].map((language) => ({ language }))];

describe('locale files', () => {
  it('are read from locales/ next to src/, whatever the working directory', () => {
    expect(LOCALES_DIR).toBe(join(process.cwd(), 'locales'));
    expect([...createI18n().locales].sort()).toEqual([...LANGUAGES].sort());
  });

  it('have the same messages and attributes in every language', () => {
    const en = keysOf('en');
    expect(en.length).toBeGreaterThan(30);
    for (const lang of LANGUAGES) {
      const keys = keysOf(lang);
      expect(en.filter((k) => !keys.includes(k)), `missing in ${lang}.ftl`).toEqual([]);
      expect(keys.filter((k) => !en.includes(k)), `only in ${lang}.ftl`).toEqual([]);
    }
  });

  it('have no lines Fluent could not parse (they would silently drop a message)', () => {
    for (const lang of LANGUAGES) {
      const declared = localeSource(lang).split('\n').filter((line) => /^[a-z][a-z0-9-]*\s*=/.test(line)).map((line) => line.split('=')[0]!.trim());
      expect(declared.sort(), lang).toEqual(keysOf(lang).filter((k) => !k.includes('.')));
    }
  });

  it('have every key the code uses, in every language, and no message the code never uses', () => {
    const used = keysUsedInSource();
    expect(used.size).toBeGreaterThan(25); // the regex still finds the calls
    for (const lang of LANGUAGES) {
      const keys = keysOf(lang);
      const missing = [...used].filter(([key]) => !keys.includes(key)).map(([key, file]) => `${key} (${file})`);
      expect(missing, `used in src/ but missing in ${lang}.ftl`).toEqual([]);
      for (const key of DYNAMIC_KEYS) expect(keys, lang).toContain(key);
    }
    const unused = keysOf('en').filter((k) => !used.has(k) && !DYNAMIC_KEYS.includes(k));
    expect(unused, 'messages no code uses').toEqual([]);
  });

  it('format every message in every language without Fluent errors, leftover placeholders or isolation marks', () => {
    for (const lang of LANGUAGES) {
      const bundle = new FluentBundle(lang, { useIsolating: false });
      expect(bundle.addResource(new FluentResource(localeSource(lang)))).toEqual([]);
      for (const key of keysOf(lang)) {
        const [id, attribute] = key.split('.');
        const message = bundle.getMessage(id!)!;
        const pattern = attribute ? message.attributes[attribute]! : message.value!;
        expect(pattern, `${lang}: ${key} has no value`).toBeTruthy();
        for (const extra of [{}, ...VARIANT_ARGS]) {
          const errors: Error[] = [];
          const text = bundle.formatPattern(pattern, { ...SAMPLE_ARGS, ...extra }, errors);
          expect(errors.map(String), `${lang}: ${key}`).toEqual([]);
          expect(text, `${lang}: ${key}`).not.toMatch(/[{}]/);
          expect(text.trim(), `${lang}: ${key}`).not.toBe('');
        }
      }
    }
  });

  it('the plugin formats without isolation marks, so HTML and tests see plain text', () => {
    const i18n = createI18n();
    expect(i18n.t('ru', 'answer-of', { n: 1, total: 3 })).toBe('Ответ 1 из 3');
    expect(i18n.t('en', 'welcome', { bot: 'x_bot' })).toContain('@x_bot');
    expect(i18n.t('kk', 'welcome', { bot: 'x_bot' })).not.toMatch(/[\u2068\u2069]/);
  });
});

describe('choosing the reply language', () => {
  it('an explicit /language choice wins over everything', () => {
    expect(chooseLanguage({ chosen: 'en', question: 'Когда прошёл референдум?', languageCode: 'ru' })).toBe('en');
    expect(chooseLanguage({ chosen: 'kk', question: 'When was it?', languageCode: 'en' })).toBe('kk');
    expect(chooseLanguage({ chosen: 'ru' })).toBe('ru');
  });

  it('else a question written in Cyrillic is answered in its language, whatever the app language', () => {
    expect(chooseLanguage({ question: 'Когда прошёл референдум?', languageCode: 'en' })).toBe('ru');
    expect(chooseLanguage({ question: 'Референдум қашан өтті?', languageCode: 'en' })).toBe('kk');
    expect(chooseLanguage({ question: 'Когда прошёл референдум?' })).toBe('ru'); // a channel post
  });

  it('else the language_code of the app: kk → Kazakh, ru → Russian, anything else or none → English', () => {
    expect(chooseLanguage({ question: 'When was the referendum held?', languageCode: 'kk' })).toBe('kk');
    expect(chooseLanguage({ question: 'When was the referendum held?', languageCode: 'ru' })).toBe('ru');
    expect(chooseLanguage({ question: '2022?', languageCode: 'ru-RU' })).toBe('ru');
    expect(chooseLanguage({ languageCode: 'KK' })).toBe('kk');
    for (const code of ['en', 'en-GB', 'de', 'uk', '', 'x', undefined]) expect(chooseLanguage({ languageCode: code }), String(code)).toBe('en');
    expect(chooseLanguage({})).toBe('en');
    expect(languageFromCode('ru-RU')).toBe('ru');
  });

  it('tells Kazakh from Russian by the Kazakh-specific letters, and Cyrillic from Latin by the majority', () => {
    for (const q of ['Қанша сайлау учаскесі болды?', 'Сайлауға кім қатысты? ә', 'ҮКІМЕТ', 'Ұлттық құрылтай деген не?', 'Һ']) expect(questionLanguage(q), q).toBe('kk');
    for (const q of ['Сколько было участков?', 'ЦИК', 'Кто такой CEC chairman Абдиров?']) expect(questionLanguage(q), q).toBe('ru');
    for (const q of ['What is the Mazhilis (Мажилис)?', 'How many?', '2022', '🗳️', '']) expect(questionLanguage(q), q).toBeUndefined();
  });

  it('answers Kazakh typed in Latin letters in Kazakh', () => {
    for (const q of ['referendum qai kuni otti?', 'Ombudsmen kim?', 'Saylau qashan boldy?']) expect(questionLanguage(q), q).toBe('kk');
    for (const q of ['Who is Kim?', 'referendum date']) expect(questionLanguage(q), q).toBeUndefined();
  });

  it('understands /language arguments in any of the three languages', () => {
    expect(parseLanguageArgument(' RU ')).toBe('ru');
    expect(parseLanguageArgument('русский')).toBe('ru');
    expect(parseLanguageArgument('қазақша')).toBe('kk');
    expect(parseLanguageArgument('Kazakh')).toBe('kk');
    expect(parseLanguageArgument('english')).toBe('en');
    expect(parseLanguageArgument('en')).toBe('en');
    for (const other of ['', 'de', 'fr', 'lang:ru', 'ru kk']) expect(parseLanguageArgument(other), other).toBeUndefined();
  });
});

describe('framing a quote in the reply language', () => {
  const i18n = createI18n();
  const source: Source = { id: 'd', title: 'Referendum results <announced>', publisher: 'Kazinform', date: '2022-06-06', language: 'en' };
  const answer: Answer = { excerpt: 'The CEC announced the results.', highlight: { start: 0, end: 30 }, source, score: 1 };

  it('adds a note in the reply language when the source is in another language; quotes stay verbatim', () => {
    const ru = answerHtml(answer, localizer(i18n, 'ru'), 0, 3);
    expect(ru).toContain('<blockquote><b>The CEC announced the results.</b></blockquote>');
    expect(ru).toMatch(/^<i>Ответ 1 из 3<\/i>/);
    expect(ru).toContain('<i>Источник на английском языке; цитата приведена без перевода.</i>');
    expect(answerHtml(answer, localizer(i18n, 'kk'))).toContain('<i>Дереккөз ағылшын тілінде; дәйексөз аударылмай берілді.</i>');
    expect(answerHtml(answer, localizer(i18n, 'en'))).not.toContain('The source is in');
    const russianSource = { ...source, language: 'ru' };
    expect(sourceLanguageNote(russianSource, localizer(i18n, 'en'))).toBe('The source is in Russian; quoted as written.');
    expect(sourceLanguageNote(russianSource, localizer(i18n, 'ru'))).toBeUndefined();
    expect(sourceLanguageNote({ ...source, language: 'kk' }, localizer(i18n, 'en'))).toBe('The source is in Kazakh; quoted as written.');
    expect(sourceLanguageNote({ ...source, language: 'de' }, localizer(i18n, 'ru'))).toBe('Источник на другом языке; цитата приведена без перевода.');
    expect(sourceLanguageNote({ ...source, language: 'EN-GB' }, localizer(i18n, 'en'))).toBeUndefined();
  });

  it('formats dates in each language', () => {
    const t = (lang: Lang) => localizer(i18n, lang).t;
    expect(formatDate('2022-05-30', t('en'))).toBe('30 May 2022');
    expect(formatDate('2022-05-30', t('ru'))).toBe('30 мая 2022');
    expect(formatDate('2022-05-30', t('kk'))).toBe('2022 ж. 30 мамыр');
    expect(formatDate('2022-06', t('en'))).toBe('June 2022');
    expect(formatDate('2022-06', t('ru'))).toBe('июнь 2022');
    expect(formatDate('2022-06', t('kk'))).toBe('2022 ж. маусым');
    expect(formatDate('2022', t('ru'))).toBe('2022');
    expect(formatDate('2022-12-01', t('en'))).toBe('1 December 2022');
    expect(citationHtml(source, t('en'))).toBe('📄 <i>Referendum results &lt;announced&gt;</i> — Kazinform, 6 June 2022');
  });

  it('escapes the question echoed in "not in my sources", in every language', () => {
    for (const lang of LANGUAGES) {
      const html = noAnswerHtml('<b>bread</b> & "butter"', 5, localizer(i18n, lang).t);
      expect(html, lang).toContain('&lt;b&gt;bread&lt;/b&gt; &amp; &quot;butter&quot;');
      expect(html, lang).not.toContain('<b>bread');
    }
  });

  it('reads the page back from an "Answer N of M" header in every language', () => {
    for (const lang of LANGUAGES) {
      for (const [n, total] of [[1, 2], [2, 5], [5, 5]] as const) {
        const html = answerHtml(answer, localizer(i18n, lang), n - 1, total);
        expect(pageShown(visibleText(html)), `${lang} ${n}/${total}`).toBe(n - 1);
      }
    }
    expect(pageShown('no header here')).toBeUndefined();
  });
});
