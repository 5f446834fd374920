import { describe, expect, it } from 'vitest';
import { acronymTable } from '../../src/retrieval/query/acronyms.ts';
import { analyseQuestion } from '../../src/retrieval/query/question.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import { FILLER, testDocument } from '../support/test-corpus.ts';

describe('acronyms of the names the sources spell out', () => {
  const table = acronymTable([
    'Observers from the Shanghai Cooperation Organization and the Organization for Security and Co-operation in Europe attended.',
    'The Ministry of Foreign Affairs of Kazakhstan held a meeting. The Ministry of Foreign Affairs said so.',
  ]);

  it('are the initials of a run of capitalised words, joining words skipped, any stretch of it', () => {
    expect(table.get('sco')).toBe('Shanghai Cooperation Organization');
    expect(table.get('osce')).toBe('Organization for Security and Co-operation in Europe');
    expect(table.get('mfa')).toBe('Ministry of Foreign Affairs');
    expect(table.get('mfak')).toBe('Ministry of Foreign Affairs of Kazakhstan');
    expect(table.get('oa')).toBeUndefined();
  });

  it('let a question typed with initials find the sentence that spells the name out; words stay words', () => {
    const body = `${FILLER}Observers from the Shanghai Cooperation Organization watched the vote. The Ministry of Foreign Affairs held an online meeting.`;
    const retriever = createRetriever([testDocument('a', body)]);
    expect(retriever.search('did the sco send observers')[0]?.excerpt).toContain('Shanghai Cooperation Organization');
    expect(retriever.search('Did the SCO send observers?')[0]?.excerpt).toContain('Shanghai Cooperation Organization');
    expect(retriever.search('was the mfa meeting online')[0]?.excerpt).toContain('Ministry of Foreign Affairs');
  });

  it('are never read into stop words, capitalised words or English words', () => {
    const vocabulary = { hasTerm: () => false, documentFrequency: () => 0, closestWord: () => null, expandAcronym: () => 'Institute for Strategic Studies' };
    const surfaces = (q: string) => analyseQuestion(q, vocabulary, { expand: false }).units.map((u) => u.surface);
    expect(surfaces('What is art')).toEqual(['art']);
    expect(surfaces('Was kiss there')).toEqual(['kiss']);
    expect(surfaces('Was kzs there')).toEqual(['Institute', 'Strategic', 'Studies']);
  });
});
