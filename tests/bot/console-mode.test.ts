import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleSession, consoleAnswer, plainText, runConsole } from '../../src/console-mode.ts';
import { sourcesHtml } from '../../src/bot/format/answer.ts';
import { createI18n, localizer } from '../../src/bot/i18n.ts';
import type { Retriever } from '../../src/retrieval/types.ts';
import { corpusRetriever } from '../support/bot-harness.ts';
import { runMain } from '../support/run-process.ts';

const i18n = createI18n();
const en = localizer(i18n, 'en');

describe('console mode (no Telegram, no session)', () => {
  it('frames answers in the language of a Cyrillic question, else English; quotes stay as written', () => {
    const retriever = corpusRetriever();
    const en = consoleAnswer(retriever, 'How many polling places were there?');
    expect(en).toMatch(/^Answer 1 of \d\n/);
    expect(en).not.toContain('The source is in');
    const ru = consoleAnswer(retriever, 'Сколько было избирательных участков на референдуме?');
    expect(ru).toMatch(/^Ответ 1 из \d\n.*10,012 polling places/s);
    expect(ru).toContain('Источник на английском языке; цитата приведена без перевода.');
    expect(consoleAnswer(retriever, 'Ертең ауа райы қандай болады?')).toContain('Менің дереккөздерімде бұл жоқ');
    expect(consoleAnswer(retriever, 'What is the capital of France?')).toContain('Not in my sources');
  });
});

describe('console commands, in the bot’s words (locales/*.ftl)', () => {
  it('/start and /help are the welcome and the console’s help, not a search', () => {
    const session = new ConsoleSession(corpusRetriever(), i18n);
    const start = session.reply('/start');
    expect(start).toBe(plainText(en.t('console-welcome')));
    expect(start).toContain('Try asking:'); // the same examples as the bot's /start
    expect(start).not.toMatch(/[<>]|Answer 1 of/);
    const help = session.reply('/help');
    expect(help).toBe(plainText(en.t('console-help')));
    expect(help).not.toMatch(/Constitutional Court|Answer 1 of|inline|@/);
    expect(session.reply('/help@anything')).toBe(help);
  });

  it('/sources lists every document with its publisher, date and link, as the bot does', () => {
    const retriever = corpusRetriever();
    const sources = new ConsoleSession(retriever, i18n).reply('/sources');
    expect(sources).toBe(plainText(sourcesHtml(retriever.documents, en.t)));
    expect(sources).toMatch(/^My sources \(\d+ documents\):/);
    for (const d of retriever.documents) {
      expect(sources).toContain(d.title);
      if (d.url) expect(sources).toContain(`(${d.url})`);
    }
  });

  it('shows a link in the text (there is no Source button in a terminal)', () => {
    expect(plainText('📄 <a href="https://example.org/a?b=1&amp;c=2">A &amp; B</a> — X')).toBe('📄 A & B (https://example.org/a?b=1&c=2) — X');
    const source = { id: 'd', title: 'Title', publisher: 'P', date: '2022-06-06', url: 'https://example.org/d' };
    const retriever = { documents: [source], passageCount: 1, search: () => [{ excerpt: 'Text.', highlight: { start: 0, end: 5 }, source, score: 1 }] } as unknown as Retriever;
    expect(consoleAnswer(retriever, 'q', i18n)).toContain('Title (https://example.org/d) — P, 6 June 2022');
  });

  it('/language shows the current language and how to change it; /language ru frames everything in Russian from then on', () => {
    const session = new ConsoleSession(corpusRetriever(), i18n);
    expect(session.reply('/language')).toMatch(/^Current language: English\.\n.*\/language ru/s);
    expect(session.reply('/language ru')).toBe(plainText(localizer(i18n, 'ru').t('language-changed')));
    expect(session.chosen).toBe('ru');
    expect(session.reply('How many polling places were there?')).toMatch(/^Ответ 1 из \d\n.*10,012 polling places/s);
    expect(session.reply('/help')).toContain('Как спросить');
    expect(session.reply('/language')).toMatch(/^Текущий язык: русский\./);
    expect(session.reply('/language english')).toContain('I will speak English');
    expect(session.reply('/language klingon')).toMatch(/^Current language: English/);
  });

  it('refusals point to /sources, which works here; /ask, unknown commands and blank lines', () => {
    const session = new ConsoleSession(corpusRetriever(), i18n);
    const refusal = session.reply('What is the capital of France?');
    expect(refusal).toContain('Not in my sources');
    const pointers = refusal.match(/\/[a-z]+/g) ?? [];
    expect(pointers.length).toBeGreaterThan(0);
    for (const command of pointers) expect(session.reply(command), command).not.toBe(plainText(en.t('unknown-command')));
    expect(session.reply('/ask Who is the Deputy Minister of Foreign Affairs?')).toContain('Roman Vassilenko');
    expect(session.reply('/ask')).toBe(plainText(en.t('ask-usage')));
    expect(session.reply('/frobnicate')).toBe(plainText(en.t('unknown-command')));
    expect(session.reply('   ')).toBe('');
  });

  it('runConsole greets, answers each line and ends at the end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.setEncoding('utf8').on('data', (d: string) => (printed += d));
    const done = runConsole(corpusRetriever(), input, output);
    input.end('/help\n\nHow many polling places were there?\n');
    await done;
    expect(printed).toMatch(/^Local console mode: \d+ documents, \d+ passages\. Type a question, or \/help\./);
    expect(printed).toContain('How to ask (local console)');
    expect(printed).toContain('10,012 polling places');
  });
});

describe('npm start without BOT_TOKEN (the process)', () => {
  it('speaks plain text: help for /help, a cited answer for a question, and no JSON log line', async () => {
    const { code, stdout, stderr } = await runMain({}, { input: '/help\nHow many polling places were there?\n' });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('How to ask (local console)');
    expect(stdout).toMatch(/10,012 polling places[\s\S]*📄 .*Kazakhstan Institute for Strategic Studies/);
    expect(stdout).not.toContain('Constitutional Court');
    for (const line of `${stdout}\n${stderr}`.split('\n')) expect(line).not.toMatch(/^\s*\{/);
    expect(stderr).toContain('BOT_TOKEN is not set');
  });

  it('logs warnings as plain text (LOG_LEVEL=debug still shows no info lines)', async () => {
    const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'console-corpus-'));
    try {
      cpSync('corpus', dir, { recursive: true });
      writeFileSync(join(dir, 'notes.txt'), 'not markdown');
      const { code, stdout, stderr } = await runMain({ CORPUS_DIR: dir, LOG_LEVEL: 'debug' }, { input: '/sources\n' });
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('My sources');
      expect(stderr).toMatch(/^warning: .*notes\.txt/m);
      expect(stderr).not.toMatch(/^\s*\{|corpus indexed/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
