import { describe, expect, it } from 'vitest';
import { misspeltStopWord } from '../../src/retrieval/query/misspelt-stop-word.ts';
import { normaliseNumber, terms, words } from '../../src/retrieval/text/tokenizer.ts';

const termList = (text: string) => terms(text).map((t) => t.term);

describe('tokenizer', () => {
  it('writes numbers one way', () => {
    expect(normaliseNumber('10,012')).toBe('10012');
    expect(normaliseNumber('10012')).toBe('10012');
    expect(normaliseNumber('1,200')).toBe('1200');
    expect(normaliseNumber('76.4')).toBe('76.4');
    expect(normaliseNumber('76,4')).toBe('76.4');
    expect(termList('10 012 polling places')).toContain('10012');
    // A space groups thousands only: two numbers side by side stay two ("1st meeting in 2022 2022" was "2022.2022").
    expect(termList('meeting in 2022 2022')).toEqual(['meet', '2022', '2022']);
    expect(termList('in 2022 30 people')).toEqual(['2022', '30', 'peopl']);
  });

  it('reads small ordinals in digits as the words ("1st meeting" is "first meeting"), larger ones as their number', () => {
    expect(termList('holds 1st meeting')).toEqual(termList('holds first meeting'));
    expect(termList('the 2nd item')).toEqual(termList('the second item'));
    expect(termList('the 30th anniversary')).toEqual(['30', 'anniversari']);
  });

  it('reads cardinal numbers written as words as their digits, but not "one"', () => {
    expect(termList('six international organizations')).toEqual(termList('6 international organizations'));
    expect(termList('thirty years ago')).toEqual(termList('30 years ago'));
    expect(termList('one of the changes')).not.toContain('1');
  });

  it('gives British and American spellings one term', () => {
    for (const [british, american] of [['dialogue', 'dialog'], ['organisation', 'organization'], ['analysed', 'analyzed'], ['centre', 'center'], ['colour', 'color'], ['defence', 'defense'], ['programme', 'program']] as const) {
      expect(termList(british)).toEqual(termList(american));
    }
    expect(termList('rise')).not.toEqual(termList('rize'));
  });

  it('drops indefinite pronouns, which name nothing to look for', () => {
    expect(termList('she called on everybody to vote')).toEqual(termList('she called on to vote'));
  });

  it('drops "regarding" and "concerning", which say "about" as "about" does', () => {
    expect(termList('what changes regarding the council')).toEqual(termList('what changes about the council'));
    expect(termList('norms concerning the president')).toEqual(termList('norms about the president'));
  });

  it('reads a month’s short form as the month ("Dec. 7", "jan 2022")', () => {
    expect(termList('on Dec. 7')).toEqual(termList('on December 7'));
    expect(termList('jan 2022')).toEqual(termList('January 2022'));
  });

  it('keeps the month May, not the verb may', () => {
    expect(termList('the meeting on 30 May')).toContain('may');
    expect(termList('On May 17, 2022 the institute met')).toContain('may');
    expect(termList('held in May')).toContain('may');
    expect(termList('the late-May session')).toContain('may');
    expect(termList('what happened in early may')).toContain('may');
    expect(termList('the mid-May vote')).toContain('may');
    expect(termList('people may vote')).not.toContain('may');
    expect(termList('May I ask?')).not.toContain('may');
  });

  it('splits a percentage into the number and a percent term', () => {
    expect(termList('76.4% of Kazakhstanis')).toEqual(expect.arrayContaining(['76.4', 'percent']));
  });

  it('stems English words, drops stop words, and lemmatises irregular verbs', () => {
    expect(termList('The referendum was held')).toEqual(expect.arrayContaining(['referendum', 'hold']));
    expect(termList('The referendum was held')).not.toContain('the');
    expect(termList('holding')).toEqual(expect.arrayContaining(['hold']));
  });

  it('adds one concept term for a synonym phrase, in text and questions alike', () => {
    const a = termList('65 precincts abroad');
    const b = termList('polling stations overseas');
    const shared = a.filter((t) => t.startsWith('~') && b.includes(t));
    expect(shared.sort()).toEqual(['~abroad', '~precinct']);
    expect(termList('Central Election Commission')).toContain('~cec');
    expect(termList('the CEC')).toContain('~cec');
    // "What did the ombudswoman call on everybody to do?": "So, I encourage everyone to participate ...".
    expect(termList('She called on everybody to vote')).toContain('~urge');
    expect(termList('I encourage everyone to participate')).toContain('~urge');
    expect(termList('She called the meeting')).not.toContain('~urge');
    // "whats the point of the constitutional court for regular ppl": "... to which citizens will be able to appeal".
    expect(termList('for regular people')).toContain('~citizen');
    expect(termList('regular meetings of people')).not.toContain('~citizen');
    // Stemming makes "organize" and "Organization" one stem: holding an event is "held" or "conducted", not organised.
    expect(termList('the Shanghai Cooperation Organization')).not.toContain('~hold');
    expect(termList('the referendum was held')).toContain('~hold');
  });

  it('keeps stop words inside phrases so "head of state" is not "head"', () => {
    expect(termList('head of state')).toContain('~president');
    expect(termList('head of state')).not.toContain('~chair');
  });

  it('gives word offsets into the original text and survives odd input', () => {
    const text = 'Ёлка <b>&amp; 🇰🇿 \u0000 ‫RTL‬ K.K. Tokayev’s';
    for (const w of words(text)) expect(text.slice(w.start, w.end)).toBe(w.surface);
    expect(() => terms('\u200b'.repeat(10_000))).not.toThrow();
  });
});

describe('misspelt stop words', () => {
  it('reads a stop word one slip away as that stop word', () => {
    expect(misspeltStopWord('abot')).toBe('about');
    expect(misspeltStopWord('becuase')).toBe('because');
    expect(misspeltStopWord('teh')).toBe('the');
    expect(['there', 'their', 'other']).toContain(misspeltStopWord('ther'));
  });

  it('leaves short acronyms, stop words themselves and words far from any stop word alone', () => {
    expect(misspeltStopWord('imf')).toBeNull();
    expect(misspeltStopWord('the')).toBeNull();
    expect(misspeltStopWord('referendum')).toBeNull();
    expect(misspeltStopWord('Ther')).toBeNull();
  });
});
