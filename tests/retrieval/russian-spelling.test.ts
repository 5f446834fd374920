import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { defaultLexicons } from '../../src/retrieval/query/lexicon.ts';
import { createQuestionReader } from '../../src/retrieval/query/readings.ts';
import { DictionaryError, HunspellWordList, russianDictionary, type WordList } from '../../src/retrieval/query/russian-dictionary.ts';
import { createRussianSpeller, type Speller } from '../../src/retrieval/query/russian-spelling.ts';
import { translateQuestion, translateQuestionParts } from '../../src/retrieval/query/translate.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { Retriever } from '../../src/retrieval/types.ts';

describe('Hunspell word list', () => {
  const aff = ['SET UTF-8', 'TRY абв', '', 'SFX A Y 2', 'SFX A   а   ы   [^к]а', 'SFX A   а   и   ка', '', 'SFX B Y 1', 'SFX B   0   ом   .', ''].join('\n');
  const dic = ['4', 'рыба/A', 'рука/A', 'Дом/B', 'ёлка', ''].join('\n');
  const words = new HunspellWordList(aff, dic);

  it('knows the listed words and the forms their suffix rules make, where the rule’s condition holds', () => {
    for (const word of ['рыба', 'рыбы', 'рука', 'руки', 'дом', 'домом']) expect(words.knows(word), word).toBe(true);
    for (const word of ['рыби', 'рукы', 'домы', 'рыбаом', 'ры', 'бы', '']) expect(words.knows(word), word).toBe(false);
  });

  it('reads capitals as lowercase and ё as е', () => {
    expect(words.knows('домом')).toBe(true);
    expect(words.knows('елка')).toBe(true);
  });

  it('refuses affix files that use what it does not read', () => {
    expect(() => new HunspellWordList('PFX P Y 1\nPFX P 0 не .\n', dic)).toThrow(DictionaryError);
    expect(() => new HunspellWordList('FLAG long\n', dic)).toThrow(DictionaryError);
    expect(() => new HunspellWordList('SFX A Y 1\nSFX A 0 ы/B .\n', dic)).toThrow(DictionaryError);
  });
});

describe('the Russian dictionary (dictionary-ru)', () => {
  it('knows inflected everyday and domain words', () => {
    const words = russianDictionary();
    for (const word of ['референдума', 'наблюдателей', 'конституционного', 'проголосовали', 'парламенте', 'комиссиями', 'еще', 'голова', 'погодой']) {
      expect(words.knows(word), word).toBe(true);
    }
  });

  it('does not know misspellings', () => {
    const words = russianDictionary();
    for (const word of ['референдмум', 'наблюдатилей', 'конститюция', 'парламнта', 'коммисия']) expect(words.knows(word), word).toBe(false);
  });
});

describe('Russian spelling correction', () => {
  const lexicons = defaultLexicons();
  let correct: Speller;
  beforeAll(() => {
    correct = createRussianSpeller({ lexicons, dictionary: russianDictionary });
  });
  const withCorrection = (text: string) => translateQuestionParts(text, 'ru', lexicons, { correct }).text;

  it.each([
    ['a dropped letter', 'парламнта', 'Parliament'],
    ['a dropped double letter', 'комисии', 'commission'],
    ['a doubled letter', 'референндума', 'referendum'],
    ['a doubled letter', 'наблюдаттели', 'observers'],
    ['a doubled letter in a short word', 'явкка', 'turnout'],
    ['a wrong vowel', 'кондидат', 'candidate'],
    ['a wrong vowel', 'избератели', 'voters'],
    ['a wrong vowel', 'конститюция', 'Constitution'],
    ['a wrong vowel in a short stem', 'выбаров', 'election'],
    ['two unstressed vowels written as heard', 'канстетуцию', 'Constitution'],
    ['two unstressed vowels written as heard', 'избератильных', 'electoral'],
    ['a wrong vowel in the ending', 'выборох', 'election'],
    ['two unstressed vowels the lexicon would read through a short stem ("голос", voice)', 'галасования', 'vote'],
    ['swapped letters', 'коимссия', 'commission'],
    ['swapped letters', 'парлмаента', 'Parliament'],
    ['a moved double letter', 'коммисию', 'commission'],
    ['a doubled letter that cuts the stem short', 'токкаева', 'Tokayev'],
    ['a doubled letter in the ending', 'голосуютт', 'vote'],
    ['a doubled letter in the ending', 'обсуждалли', 'discuss'],
    // Everyday words only the general dictionary reads.
    ['a doubled letter in an everyday word', 'учитеель', 'teacher'],
    ['a doubled letter in an everyday word', 'страниица', 'page'],
  ])('corrects %s (%s) to a word the lexicon or the general dictionary translates', (_kind, typo, english) => {
    expect(translateQuestion(typo, 'ru', lexicons)).not.toContain(english);
    expect(correct(typo)).toBeDefined();
    expect(withCorrection(typo)).toContain(english);
  });

  it('leaves correctly spelled words alone, those the lexicon lacks too', () => {
    for (const word of ['референдум', 'наблюдателей', 'конституционного', 'экспорт', 'этолог', 'чуткость', 'погода', 'голова', 'собака']) {
      expect(correct(word), word).toBeUndefined();
    }
  });

  it('owes that to the dictionary: without it, real words a letter from a lexicon word would be "corrected"', () => {
    const knowsNothing: WordList = { knows: () => false };
    const careless = createRussianSpeller({ lexicons, dictionary: () => knowsNothing });
    expect(careless('экспорт')).toBeDefined(); // эксперт
    expect(careless('чуткость')).toBeDefined(); // четкость
    expect(correct('экспорт')).toBeUndefined();
    expect(correct('чуткость')).toBeUndefined();
  });

  it('leaves a short word alone when several words are a letter away', () => {
    // срока, сока, скоба, склока: no telling which was meant.
    expect(correct('скока')).toBeUndefined();
  });

  it('leaves English and Kazakh words alone', () => {
    for (const word of ['referendum', 'parlament', 'сайлауға', 'қоғам', 'өкілдері', 'азаматтар', 'сайлаушылар', 'туралы']) expect(correct(word), word).toBeUndefined();
    expect(translateQuestionParts('What did the parlament say?', 'en', lexicons, { correct }).text).toBe('What did the parlament say?');
  });

  it('does not read the dictionary for words it would not correct anyway: short, not Russian, known to the lexicon', () => {
    const untouchable: WordList = {
      knows: () => {
        throw new Error('the dictionary was read');
      },
    };
    const speller = createRussianSpeller({ lexicons, dictionary: () => untouchable });
    for (const word of ['referendum', 'сайлауға', 'дом', 'было', 'ещё', 'конституции', 'наблюдателями', 'поправок']) expect(speller(word), word).toBeUndefined();
  });

  it('is applied to Russian questions only: a Kazakh question keeps its words', () => {
    const vocabulary = { hasTerm: () => false, documentFrequency: () => 0, closestWord: () => null };
    const read = createQuestionReader({ vocabulary, nativeLanguages: [], lexicons });
    expect(read('Что сказали наблюдаттели?').readings[0]!.text).toContain('observers');
    const kazakh = read('Наблюдаттели туралы не айтты?');
    expect(kazakh.language).toBe('kk');
    expect(kazakh.readings[0]!.text).toContain('наблюдаттели');
  });
});

describe('Russian questions with typos', () => {
  let retriever: Retriever;
  beforeAll(() => {
    retriever = createRetriever(loadCorpus('corpus'));
  });

  it('are answered like the question typed right', () => {
    const right = retriever.search('Сколько было избирательных участков?', { limit: 1 })[0]?.excerpt;
    expect(right).toContain('10,012 polling places');
    for (const typo of ['Сколько было избиратльных учасков?', 'Сколько было избирательных учатсков?']) {
      expect(retriever.search(typo, { limit: 1 })[0]?.excerpt, typo).toBe(right);
    }
  });
});
