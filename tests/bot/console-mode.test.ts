import { describe, expect, it } from 'vitest';
import { consoleAnswer } from '../../src/console-mode.ts';
import { corpusRetriever } from '../support/bot-harness.ts';

describe('console mode (no Telegram, no session)', () => {
  it('frames answers in the language of a Cyrillic question, else English; quotes stay as written', () => {
    const retriever = corpusRetriever();
    const en = consoleAnswer(retriever, 'How many polling places were there?');
    expect(en).toMatch(/^Answer 1 of \d\n/);
    expect(en).not.toContain('The source is in');
    const ru = consoleAnswer(retriever, 'Сколько было избирательных участков?');
    expect(ru).toMatch(/^Ответ 1 из \d\n.*10,012 polling places/s);
    expect(ru).toContain('Источник на английском языке; цитата приведена без перевода.');
    expect(consoleAnswer(retriever, 'Ертең ауа райы қандай болады?')).toContain('Менің дереккөздерімде бұл жоқ');
    expect(consoleAnswer(retriever, 'What is the capital of France?')).toContain('Not in my sources');
  });
});
