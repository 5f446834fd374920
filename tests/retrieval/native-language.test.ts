import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { CorpusDocument, Retriever } from '../../src/retrieval/types.ts';
import { analyseQuestion } from '../../src/retrieval/query/question.ts';

const everyWord = { hasTerm: () => true, documentFrequency: () => 1, closestWord: () => null };

// Two small documents in Russian and Kazakh next to the English corpus (test fixtures, not part of corpus/).
const russian: CorpusDocument = {
  id: 'test-ru',
  title: 'Итоги республиканского референдума',
  publisher: 'Тестовое издание',
  date: '2022-06-07',
  language: 'ru',
  file: 'test-ru.md',
  body: [
    'Республиканский референдум по поправкам в Конституцию прошёл 5 июня 2022 года.',
    'По данным Центральной избирательной комиссии, явка избирателей составила 68,05 процента.',
    'За принятие поправок проголосовали 77,18 процента участников голосования.',
    'Наблюдатели отметили спокойную обстановку на избирательных участках.',
  ].join(' '),
};
const kazakh: CorpusDocument = {
  id: 'test-kk',
  title: 'Республикалық референдумның қорытындысы',
  publisher: 'Сынақ басылымы',
  date: '2022-06-07',
  language: 'kk',
  file: 'test-kk.md',
  body: [
    'Конституцияға өзгерістер енгізу жөніндегі республикалық референдум 2022 жылғы 5 маусымда өтті.',
    'Орталық сайлау комиссиясының мәліметінше, дауыс беруге сайлаушылардың 68,05 пайызы қатысты.',
    'Түзетулерді дауыс берушілердің 77,18 пайызы қолдады.',
  ].join(' '),
};

let english: CorpusDocument[];
let retriever: Retriever;

beforeAll(() => {
  english = loadCorpus('corpus');
  retriever = createRetriever([...english, russian, kazakh]);
});

describe('documents in Russian and Kazakh', () => {
  it('answer Russian questions in Russian directly, whatever the word forms', () => {
    const [first] = retriever.search('Какая была явка избирателей?');
    expect(first?.source).toMatchObject({ id: 'test-ru', language: 'ru' });
    expect(first?.excerpt).toContain('явка избирателей составила 68,05 процента');
    const [second] = retriever.search('сколько процентов проголосовало за поправки');
    expect(second?.excerpt).toContain('77,18 процента');
  });

  it('answer Kazakh questions in Kazakh directly', () => {
    const [first] = retriever.search('Сайлаушылардың қанша пайызы дауыс беруге қатысты?');
    expect(first?.source).toMatchObject({ id: 'test-kk', language: 'kk' });
    expect(first?.excerpt).toContain('68,05 пайызы қатысты');
  });

  it('leave English questions to the English documents, and still find English answers to Russian questions', () => {
    const [en] = retriever.search('Who is the chairman of the Central Election Commission?');
    expect(en?.source.language).toBe('en');
    const answers = retriever.search('Кто председатель Центральной избирательной комиссии?');
    expect(answers.some((a) => a.source.language === 'en' && /Abdirov/.test(a.excerpt))).toBe(true);
  });

  it('still abstain on off-topic questions in either language', () => {
    expect(retriever.search('Как испечь хлеб на закваске?')).toEqual([]);
    expect(retriever.search('Ертең ауа райы қандай болады?')).toEqual([]);
  });
});

describe('a translated question in its own word order', () => {
  it('asks for the noun after "which", not the verb that follows it in Kazakh', () => {
    const answers = retriever.search('Арыстан Ахпанов қай университетте сабақ береді?');
    expect(answers[0]?.excerpt).toContain('Gumilyov Eurasian National University');
    const kazakhFocus = analyseQuestion('Arystan Akhpanov which university teaches', everyWord, { translated: true }).units.filter((u) => u.focus);
    expect(kazakhFocus.map((u) => u.surface)).toEqual(['university']);
    const englishFocus = analyseQuestion('Which university press published it?', everyWord).units.filter((u) => u.focus);
    expect(englishFocus.map((u) => u.surface)).toEqual(['university', 'press']);
  });
});
