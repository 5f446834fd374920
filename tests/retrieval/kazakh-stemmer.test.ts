import { describe, expect, it } from 'vitest';
import { kazakhStem, kazakhStemCandidates, kazakhStemChain, plainKazakh } from '../../src/retrieval/text/kazakh-stemmer.ts';
import { cyrillicTerm } from '../../src/retrieval/text/languages.ts';
import { parseLexicon, type Lexicons } from '../../src/retrieval/query/lexicon.ts';
import { translateQuestion } from '../../src/retrieval/query/translate.ts';

const stemsOf = (forms: string[], options = {}) => new Set(forms.map((form) => kazakhStem(form, options)));

describe('Kazakh stemming: inflected forms meet at one stem', () => {
  it('strips plural, possessive and case endings stacked in order', () => {
    expect(kazakhStemChain('комиссиясының')).toEqual(['комиссиясының', 'комиссиясы', 'комиссия']);
    expect(kazakhStemChain('учаскелеріне')).toEqual(['учаскелеріне', 'учаскелері', 'учаскелер', 'учаске']);
    const words: Record<string, string[]> = {
      сайлау: ['сайлау', 'сайлаудың', 'сайлауға', 'сайлауда', 'сайлаудан', 'сайлаулар', 'сайлауы', 'сайлауларының'],
      комиссия: ['комиссия', 'комиссиясы', 'комиссияға', 'комиссиялар', 'комиссияның', 'комиссиясын'],
      заң: ['заң', 'заңы', 'заңның', 'заңға', 'заңда', 'заңнан', 'заңдар', 'заңдары', 'заңмен'],
      парламент: ['парламент', 'парламенттің', 'парламентке', 'парламентте', 'парламенттен', 'парламенттер'],
      бақылаушы: ['бақылаушы', 'бақылаушылар', 'бақылаушылардың', 'бақылаушыға'],
      дауыс: ['дауыс', 'дауысы', 'дауыстар', 'дауыстың', 'дауысқа'],
      учаске: ['учаске', 'учаскелері', 'учаскесі', 'учаскеге', 'учаскеде'],
      ел: ['ел', 'елде', 'елдер', 'елдердің', 'еліміздің'],
      жұмыс: ['жұмыс', 'жұмысы', 'жұмыстар', 'жұмысында'],
    };
    for (const [stem, forms] of Object.entries(words)) expect(stemsOf(forms), stem).toEqual(new Set([stem]));
  });

  it('restores the consonant an ending voiced, and strips derivational endings', () => {
    expect(kazakhStem('құқығы')).toBe('құқық');
    expect(kazakhStem('тетігі')).toBe('тетік');
    expect(kazakhStem('кітабы')).toBe('кітап');
    expect(kazakhStem('конституциялық')).toBe('конституция');
    expect(kazakhStem('мемлекеттік')).toBe('мемлекет');
    expect(kazakhStemCandidates('заңдылығы')).toContain('заңдылық');
  });

  it('strips the hearsay past ("қолдапты", "айтыпты") like the plain past', () => {
    expect(kazakhStem('қолдапты')).toBe(kazakhStem('қолдады'));
    expect(kazakhStem('айтыпты')).toBe(kazakhStem('айтты'));
    expect(kazakhStem('келіпті')).toBe(kazakhStem('келді'));
  });

  it('strips endings written after a hyphen on abbreviations', () => {
    expect(kazakhStem('оск-ны')).toBe('оск');
    expect(kazakhStem('үеұ-лар')).toBe('үеұ');
    expect(kazakhStem('нұр-сұлтан')).toBe('нұр-сұлтан');
  });
});

describe('Kazakh stemming: roots keep their letters', () => {
  it('does not strip what only looks like an ending, by what the ending may follow', () => {
    // -тар follows voiceless consonants (ң is not), -сы vowels, -на the possessive, the particle -ма a verb.
    for (const root of ['қаңтар', 'астана', 'реформа', 'норма', 'заңнама', 'сауалнама', 'бастама', 'мәселе', 'ереже', 'сенат', 'палата'])
      expect(kazakhStem(root), root).toBe(root);
    expect(kazakhStem('қарсы')).not.toBe('қар');
    // Agent nouns in -шы and adjectives in -ғы/-гі do not end in a possessive.
    for (const root of ['бақылаушы', 'сайлаушы', 'хатшы', 'жетекші', 'жоғарғы', 'соңғы']) expect(kazakhStem(root), root).toBe(root);
    expect(kazakhStem('мониторингі')).toBe('мониторинг');
    // -мақ is a future participle only where nothing likelier explains it.
    for (const root of ['аймақ', 'тармақ', 'еңбек']) expect(kazakhStem(root), root).toBe(root);
  });

  it('keeps roots of one syllable only when they can be roots', () => {
    // A two-letter root is a vowel and a consonant (ел, ай, үй, өт), not баға → ба.
    expect(kazakhStem('айда')).toBe('ай');
    expect(kazakhStem('үйлер')).toBe('үй');
    expect(kazakhStem('өтті')).toBe('өт');
    for (const word of ['баға', 'ол', 'ата', 'ана', 'ұйым', 'әкім', 'шешім', 'уәде']) expect(kazakhStem(word), word).toBe(word);
    // A one-letter ending keeps three letters: аты, елі stay.
    expect(kazakhStem('аты')).toBe('аты');
  });

  it('respects vowel harmony: back stems take back endings, front stems front ones', () => {
    expect(kazakhStem('сайлаулар')).toBe('сайлау');
    expect(kazakhStem('сайлаулер')).toBe('сайлаулер');
    expect(kazakhStem('мәселелер')).toBe('мәселе');
    expect(kazakhStem('мәселелар')).toBe('мәселелар');
    expect(kazakhStem('кітаптар')).toBe('кітап');
    expect(kazakhStem('кітаптер')).toBe('кітаптер');
    expect(kazakhStem('мемлекетті')).toBe('мемлекет');
    expect(kazakhStem('мемлекетты')).toBe('мемлекетты');
    // "учаске" is not учас + ке: а is a back vowel.
    expect(kazakhStem('учаске')).toBe('учаске');
    // A Russian surname's "-ев" takes back or front endings, as people write them.
    expect(kazakhStemCandidates('қорабоевтың')).toContain('қорабоев');
    expect(kazakhStemCandidates('тоқаевтің')).toContain('тоқаев');
  });
});

describe('Kazakh stemming: verb forms', () => {
  it('strips tense, participle, negation, passive and person endings down to the verb', () => {
    const verbs: Record<string, string[]> = {
      өткіз: ['өткізді', 'өткізілді', 'өткізілген', 'өткізеді', 'өткізілмеген', 'өткізілетін', 'өткізіп', 'өткізілді'],
      қатыс: ['қатысты', 'қатысады', 'қатыспады', 'қатысқан', 'қатысатын', 'қатыспаған'],
      бер: ['берді', 'береді', 'берген', 'бермеді', 'беріп', 'берілді', 'бермейді'],
      қабылда: ['қабылдады', 'қабылданды', 'қабылдаған', 'қабылдамады'],
      бар: ['барамын', 'барды', 'барады'],
      айт: ['айтты', 'айттыңыз', 'айтады'],
    };
    for (const [stem, forms] of Object.entries(verbs)) expect(stemsOf(forms), stem).toEqual(new Set([stem]));
  });

  it('offers the future -мақ, the 1st person plural and the converb -п as candidate stems', () => {
    expect(kazakhStemCandidates('қатыспақ')).toContain('қатыс');
    expect(kazakhStemCandidates('өткізбек')).toContain('өткіз');
    expect(kazakhStemCandidates('бардық')).toContain('бар');
    expect(kazakhStemCandidates('сайлап')).toContain('сайла');
  });

  it('reads interrogative particles written together with the verb, and drops them written apart', () => {
    expect(kazakhStem('болдыма')).toBe('бол');
    expect(kazakhStem('өттіме')).toBe('өт');
    expect(kazakhStem('барасызба')).toBe('бар');
    for (const particle of ['ма', 'ме', 'ба', 'бе', 'па', 'пе']) expect(cyrillicTerm(particle, 'kk')).toBeNull();
  });
});

describe('Kazakh typed without its letters', () => {
  it('meets the stem of the same word typed with them', () => {
    const pairs = [
      ['комиссиясының', 'комиссиясынын'],
      ['сайлауға', 'сайлауга'],
      ['кеңестің', 'кенестин'],
      ['қатысты', 'катысты'],
      ['өткізілді', 'откизилди'],
      ['қазақстандағы', 'казакстандагы'],
      ['мемлекеттік', 'мемлекеттик'],
      ['төрағасын', 'торагасын'],
      ['құқығы', 'кукыгы'],
    ];
    for (const [kazakh, plain] of pairs) expect(kazakhStem(plain!, { plain: true }), plain).toBe(plainKazakh(kazakhStem(kazakh!)));
  });
});

const lexicons: Lexicons = {
  ru: parseLexicon('сколько\thow many', 'ru', 'ru-en.tsv'),
  kk: parseLexicon(
    [
      'кім\twho',
      'мемлекет\tstate',
      'комиссия\tCommission',
      'парламент\tParliament',
      'республикалық штаб\tRepublican Headquarters',
      'пайыз\tpercent',
      'біледі\taware',
      'келу\tarrived',
      'келесі\tnext',
      'қазақстан\tKazakhstan',
      'қазақстандық\tKazakhstanis',
      'оск\tCEC',
      'сақтау\tupheld',
      'елу\t50',
      'ел\tcountry',
    ].join('\n'),
    'kk',
    'kk-en.tsv',
  ),
};

describe('Kazakh words in the lexicon', () => {
  it('meet the entry whose word is closest: the least stripped on both sides', () => {
    // "келеді" is кел-еді (arrives), not келе-ді meeting "келесі" (next) stripped to келе.
    expect(lexicons.kk.match(['келеді'], 0)?.english).toBe('arrived');
    expect(lexicons.kk.match(['қазақстандағы'], 0)?.english).toBe('Kazakhstan');
    expect(lexicons.kk.match(['қазақстандықтар'], 0)?.english).toBe('Kazakhstanis');
    expect(lexicons.kk.match(['оск-ны'], 0)?.english).toBe('CEC');
    // "елу" (fifty) stems to "ел" (country) too: the form spelled as the word goes first.
    expect(lexicons.kk.match(['ел'], 0)?.english).toBe('country');
    expect(lexicons.kk.match(['елу'], 0)?.english).toBe('50');
    // The present "-й" before a particle written apart: "сақтай ма?".
    expect(translateQuestion('Сақтай ма?', 'kk', lexicons)).toBe('upheld?');
  });

  it('correct a misspelt word to the closest lexicon word, typed with or without Kazakh letters', () => {
    expect(translateQuestion('Мемлекттің басшысы кім?', 'kk', lexicons)).toBe('state басшысы who?');
    expect(translateQuestion('Комисиясы кім?', 'kk', lexicons)).toBe('Commission who?');
    expect(translateQuestion('парлламентке кім сайланды?', 'kk', lexicons)).toBe('Parliament who сайланды?');
    expect(translateQuestion('республикаалық штаб', 'kk', lexicons)).toBe('Republican Headquarters');
    expect(translateQuestion('мемлекттин кими', 'kk', lexicons)).toContain('state');
  });

  it('do not correct short words or change the first letter: they are usually other words', () => {
    // пойыз "train" is one letter from пайыз "percent", билеті "ticket" from біледі "knows".
    expect(translateQuestion('Пойыз билеті қайда?', 'kk', lexicons)).toBe('пойыз билеті?');
    expect(lexicons.kk.correction('ремлекеттің')).toBeUndefined();
    // Only Kazakh questions are corrected.
    expect(translateQuestion('Сколько мемлекттің?', 'ru', lexicons)).toBe('how many мемлекттің?');
  });
});
