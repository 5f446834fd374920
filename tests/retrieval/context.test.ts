import { describe, expect, it } from 'vitest';
import { dateWords, quotations, REFERS_BACK } from '../../src/retrieval/corpus/passages.ts';
import { splitSentences } from '../../src/retrieval/corpus/sentences.ts';
import { buildPassageDatabase } from '../../src/retrieval/index/database.ts';
import { phraseKinds } from '../../src/retrieval/index/phrases.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import { FILLER, testDocument } from '../support/test-corpus.ts';

const doc = (id: string, title: string, date: string, body: string) => testDocument(id, body, { title, date });

describe('an article’s date as part of its title', () => {
  it('spells out a day, a month or a year the way questions name them', () => {
    expect(dateWords('2022-05-30')).toBe('30 May 2022');
    expect(dateWords('2022-06')).toBe('June 2022');
    expect(dateWords('2022')).toBe('2022');
    expect(dateWords('spring 2022')).toBe('spring 2022');
  });

  it('tells apart two reports of the same kind of meeting by the day asked about', () => {
    // Surnames no dictionary knows, as a holder of an office is told by ("Ivanov" is a WordNet word).
    const first = doc('first', 'Platform holds its first meeting', '2022-01-20', `${FILLER}The platform met online to discuss the events.\n\nThe event was chaired by Ambassador Sarsenov.`);
    const second = doc('second', 'Platform discusses the referendum', '2022-05-30', `${FILLER}The platform met online to discuss the referendum.\n\nThe event was chaired by Ambassador Petrov.`);
    // Ranking is what is tested here; whether a two-article corpus answers at all is abstention's business.
    const retriever = createRetriever([first, second], { judge: (f) => f.specific === 1 });
    expect(retriever.search('Who chaired the platform meeting on 30 May?')[0]?.excerpt).toContain('Petrov');
    expect(retriever.search('Who chaired the platform meeting on 20 January 2022?')[0]?.excerpt).toContain('Sarsenov');
  });

  it('counts as fully as the sentence’s own date: the date names the event, the sentence answers about it', () => {
    const body = `${FILLER}On 17 May 2022 the expert platform met.\n\nThe meeting was moderated by Yerkin Tukumov.`;
    const retriever = createRetriever([doc('a', 'Experts discuss the reform', '2022-05-17', body)], { judge: (f) => f.specific === 1 });
    expect(retriever.search('Who moderated the expert platform on 17 May?')[0]?.excerpt).toContain('Tukumov');
  });
});

describe('sentences that refer back', () => {
  it('are those that open with a pronoun or a definite description, not with a name', () => {
    for (const s of ['The event was chaired by Usen Suleimen.', 'He noted the importance of the vote.', 'In his opening remarks, he stressed ...', 'The meeting was moderated by Yerkin Tukumov.']) expect(s).toMatch(REFERS_BACK);
    for (const s of ['The Ministry of Foreign Affairs held a meeting.', 'Usen Suleimen chaired the event.', 'Heads of election commissions attended.']) expect(s).not.toMatch(REFERS_BACK);
  });

  it('take the sentence before as context across a paragraph break; other sentences only their own paragraph', () => {
    const body = 'A snap meeting of the platform took place in Astana.\n\nThe event was chaired by Ambassador Petrov.\n\nAmbassador Ivanov spoke next. Questions followed.';
    const { passages } = buildPassageDatabase([doc('a', 'News', '2022', body)]);
    expect(passages.neighbours(1)).toBe('A snap meeting of the platform took place in Astana.');
    expect(passages.neighbours(2)).toBe('Questions followed.');
  });
});

describe('lexicon renderings read as phrases', () => {
  const body = 'The Prosecutor General will be able to appeal to the Constitutional Court. There is general support for the constitutional amendments in court. Usen Suleimen chaired it. Suleimen thanked everyone.';
  const kind = phraseKinds(buildPassageDatabase([doc('a', 'News', '2022', body)]));
  const isPhrase = (text: string) => kind(text) === 'phrase';

  it('are words that stand side by side in the sources', () => {
    expect(isPhrase('Prosecutor General')).toBe(true);
    expect(isPhrase('Constitutional Court')).toBe(true);
    expect(isPhrase('General Prosecutor')).toBe(false);
    expect(isPhrase('chaired headed led')).toBe(false);
    expect(isPhrase('court')).toBe(false);
  });

  it('except a person’s name, which any one of its words names', () => {
    expect(kind('Usen Suleimen')).toBe('name');
    expect(kind('Suleimen Usen')).toBe('none');
  });
});

describe('a quotation', () => {
  const body = [
    'Voters went to the polls. Observers watched the count.',
    '',
    'In her speech, Commissioner Elvira Azimova spoke about the amendments. “Statistics say most citizens accept them. Let’s put it in practice. We must cultivate a responsible attitude to elections,” the expert stressed.',
    '',
    'Parliament adjourned at noon.',
  ].join('\n');

  it('is found sentence by sentence, with the sentences that say whose words it is', () => {
    const sentences = splitSentences(body);
    const ends = quotations(sentences);
    const at = (text: string) => sentences.findIndex((s) => s.text.startsWith(text));
    expect(ends[at('We must cultivate')]).toEqual({ lead: at('In her speech'), tail: at('We must cultivate') });
    expect(ends[at('Let’s put')]).toEqual({ lead: at('In her speech'), tail: at('We must cultivate') });
    expect(ends[at('Parliament adjourned')]).toBeNull();
    expect(ends[at('Voters went')]).toBeNull();
  });

  it('gives each of its sentences the speaker as context', () => {
    const { passages } = buildPassageDatabase([doc('a', 'News', '2022', body)]);
    const cultivate = [...Array(passages.count).keys()].find((p) => passages.span(p).text.startsWith('We must cultivate'))!;
    expect(passages.neighbours(cultivate)).toContain('Elvira Azimova');
    const ended = [...Array(passages.count).keys()].find((p) => passages.span(p).text.startsWith('Parliament adjourned'))!;
    expect(passages.neighbours(ended)).toBe('');
  });
});

describe('a question about what someone said', () => {
  const body = [
    FILLER,
    'Minister Anna Petrova opened the session on the referendum. She underscored the country’s commitment to free and competitive elections.',
    '',
    'Anna Petrova said the session on elections was well organised and thanked the hosts.',
  ].join('\n');
  const retriever = createRetriever([doc('a', 'News', '2022', body)], { judge: (f) => f.specific === 1 });

  it('finds what was said, where the speaker is only “she” and the verb is another verb of saying', () => {
    expect(retriever.search('What did Petrova say about free elections?')[0]?.excerpt).toContain('free and competitive elections');
  });

  it('still takes the speaker’s own sentence when it holds what is asked about', () => {
    expect(retriever.search('What did Petrova say about how the session was organised?')[0]?.excerpt).toContain('well organised');
  });
});

describe('a yes/no question about how a meeting was held', () => {
  it('is settled by the sentence naming the format it was held in', () => {
    const body = `${FILLER}The platform discussed the amendments at length.\n\nThe session was held via videoconference.`;
    const retriever = createRetriever([doc('a', 'News', '2022', body)], { judge: (f) => f.specific === 1 });
    expect(retriever.search('Was the session held in person?')[0]?.excerpt).toContain('videoconference');
    expect(retriever.search('Заседание проходило очно?')[0]?.excerpt).toContain('videoconference');
  });
});
