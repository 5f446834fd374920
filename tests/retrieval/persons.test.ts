import { describe, expect, it } from 'vitest';
import { personIntroductions } from '../../src/retrieval/corpus/persons.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import { FILLER, testDocument } from '../support/test-corpus.ts';

describe('who a person named by surname is', () => {
  const sentences = [
    'The ministry held a meeting on the referendum.',
    'The event was chaired by Usen Suleimen, Ambassador-at-Large of the Ministry of Foreign Affairs.',
    'Deputy Minister of Foreign Affairs Roman Vassilenko spoke next.',
    'Several reports followed.',
    'The discussion was open.',
    'At the end of the event, Suleimen thanked the participants.',
    'Mr. Vassilenko stressed the importance of the vote.',
    'Сессию вёл Ерлан Карин, помощник президента.',
    'Вопросы задавали журналисты.',
    'В конце Карин поблагодарил участников.',
  ];
  const introductions = personIntroductions(sentences);

  it('points a later mention by surname at the sentence that gives the person’s post after their name', () => {
    expect(introductions[5]).toBe(1);
    expect(introductions[9]).toBe(7);
  });

  it('leaves alone a name given without a post, the introduction itself, its neighbours and dictionary words', () => {
    expect(introductions[6]).toBe(-1); // Roman Vassilenko was named, but not introduced by an apposition
    expect(introductions[1]).toBe(-1);
    expect(introductions[2]).toBe(-1); // next to the introduction: a neighbour already
    expect(introductions[0]).toBe(-1);
    expect(personIntroductions(['The Ministry of Foreign Affairs, as usual, met.', 'Later Affairs were discussed.', 'x', 'Affairs again.'])).toEqual([-1, -1, -1, -1]);
  });

  it('lets a question asking by the post find what the person said later in the article', () => {
    const body = `${FILLER}The event was chaired by Usen Suleimen, Ambassador-at-Large of the Ministry of Foreign Affairs.\n\nSeveral reports on the vote followed.\n\nThe discussion of the reports was open and lively.\n\nAt the end of the event, Suleimen thanked the participants and urged continuing the joint work.`;
    const retriever = createRetriever([testDocument('a', body)], { judge: (f) => f.specific === 1 });
    expect(retriever.search('What did the ambassador urge?')[0]?.excerpt).toContain('urged continuing');
  });
});

describe('a question describing a person by their post', () => {
  it('is answered by the sentence naming them by surname, their post credited from where they were introduced', async () => {
    const { createRetriever } = await import('../../src/retrieval/retriever.ts');
    const { FILLER, testDocument } = await import('../support/test-corpus.ts');
    const body = `${FILLER}The event called by the foreign ministry was chaired by Usen Suleimen, Ambassador-at-Large of the Ministry of Foreign Affairs.\n\nParticipants discussed the referendum.\n\nExperts spoke about the observers.\n\nAt the end of the event, Suleimen urged continuing the joint work of the civil sector.`;
    const question = 'What did the roving ambassador of the foreign ministry call for when he wrapped up the event?';
    const withCredit = createRetriever([testDocument('a', body)]);
    expect(withCredit.search(question)[0]?.excerpt).toContain('urged continuing');
    const withoutCredit = createRetriever([testDocument('a', body)], { ranker: { personContextCredit: 0 } });
    expect(withoutCredit.search(question)[0]?.excerpt ?? '').not.toContain('urged continuing');
  });
});
