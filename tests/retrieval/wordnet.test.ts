import { describe, expect, it } from 'vitest';
import { dictionaryCorrection, everydayUse, knowsWord, relatedWords } from '../../src/retrieval/query/wordnet.ts';
import { analyseQuestion } from '../../src/retrieval/query/question.ts';

const words = (w: string, relation?: string) => relatedWords(w).filter((r) => !relation || r.relation === relation).map((r) => r.word);

describe('WordNet relations', () => {
  it('relates a word to its derived forms, in any inflection', () => {
    expect(words('observe', 'derived')).toEqual(expect.arrayContaining(['observer', 'observation']));
    expect(words('electoral', 'derived')).toContain('election');
    expect(words('observers', 'derived')).toContain('observe');
  });

  it('gives synonyms of the most common sense, and broader words', () => {
    expect(words('vote', 'synonym')).toContain('ballot');
    expect(words('poll', 'broader')).toContain('survey');
  });

  it('relates a phrasal verb as a whole, in any inflection of its verb', () => {
    expect(words('kicked_off')).toContain('start');
    expect(words('took_part', 'synonym')).toContain('participate');
    expect(words('sum_up', 'synonym')).toContain('summarize');
  });

  it('knows nothing of words outside English and of non-words', () => {
    expect(relatedWords('референдум')).toEqual([]);
    expect(relatedWords('xqzzv')).toEqual([]);
    expect(knowsWord('abroad')).toBe(true);
    expect(knowsWord('abraod')).toBe(false);
  });

  it('corrects a misspelling one edit away to a dictionary word, and leaves real words alone', () => {
    expect(dictionaryCorrection('abraod')).toBe('abroad');
    expect(dictionaryCorrection('parliment')).toBe('parliament');
    expect(dictionaryCorrection('abroad')).toBeNull();
    expect(dictionaryCorrection('qwxyzv')).toBeNull();
  });

  it('tells everyday words from rare ones', () => {
    expect(everydayUse('see')).toBeGreaterThan(everydayUse('referendum'));
    expect(everydayUse('mazhilis')).toBe(0);
  });
});

describe('expansion of question words', () => {
  const everyWord = { hasTerm: () => true, documentFrequency: () => 1, closestWord: () => null };

  it('expands content words through WordNet but never number words ("an extraordinary one" is not about unity or aces)', () => {
    const units = analyseQuestion('Was the meeting a regular or an extraordinary one?', everyWord).units;
    const unit = (term: string) => units.find((u) => u.surface === term);
    expect(unit('extraordinary')?.related.length).toBeGreaterThan(0);
    expect(unit('one')).toBeDefined();
    expect(unit('one')!.related).toEqual([]);
    expect(unit('one')!.broader).toEqual([]);
  });

  it('drops a misspelt stop word instead of searching for it as a rare word', () => {
    const corpusWords = { hasTerm: (t: string) => ['poll', 'station', 'referendum'].includes(t), documentFrequency: () => 1, closestWord: () => null };
    const surfaces = (q: string) => analyseQuestion(q, corpusWords).units.map((u) => u.surface);
    expect(surfaces('how many polling stations were ther for the referendum')).toEqual(['polling', 'stations', 'referendum']);
    expect(surfaces('what is known abot polling stations')).not.toContain('abot');
    // One slip from "were" and from the corpus's "aware": the corpus word is what can be looked for.
    const withAware = { ...corpusWords, hasTerm: (t: string) => ['awar', 'aware', 'referendum'].includes(t), closestWord: (w: string) => (w === 'awere' ? 'aware' : null) };
    expect(analyseQuestion('how many were awere of the referendum', withAware).units.map((u) => u.surface)).toContain('aware');
    // A capitalised word inside a question is a name: corrected to a corpus name, never to a dictionary word.
    expect(analyseQuestion('What did Yerlan Karin say?', corpusWords).units.map((u) => u.surface)).toContain('Karin');
    expect(analyseQuestion('what did the comission say?', corpusWords).units.map((u) => u.surface)).toContain('commission');
  });

  it('expands a verb with its particle as the phrasal verb ("kicked off" is started, not booted)', () => {
    const units = analyseQuestion('Who kicked off the conference?', everyWord).units;
    const expansions = (question: string) => {
      const kick = analyseQuestion(question, everyWord).units.find((u) => u.surface === 'kicked')!;
      return [...kick.related, ...kick.broader];
    };
    expect(expansions('Who kicked off the conference?')).toEqual(expect.arrayContaining(['inaugur', 'start']));
    expect(expansions('Who kicked the ball?')).not.toContain('start');
  });
});
