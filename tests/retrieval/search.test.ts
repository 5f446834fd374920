import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { CorpusDocument, Retriever } from '../../src/retrieval/types.ts';
import { FILLER as FILLER_PARAGRAPH, testDocument } from '../support/test-corpus.ts';

const normalise = (s: string) => s.replace(/\s+/g, ' ');
let documents: CorpusDocument[];
let retriever: Retriever;

beforeAll(() => {
  documents = loadCorpus('corpus');
  retriever = createRetriever(documents);
});

describe('search', () => {
  it('returns ranked, cited, verbatim excerpts of whole sentences within 400 characters', () => {
    const questions = ['How many polling places?', 'Who is the CEC chairman?', 'What did Elvira Azimova say?', 'constitutional court', 'observers'];
    for (const q of questions) {
      const answers = retriever.search(q, { limit: 5 });
      expect(answers.length, q).toBeGreaterThan(0);
      for (let i = 1; i < answers.length; i++) expect(answers[i - 1]!.score).toBeGreaterThanOrEqual(answers[i]!.score);
      for (const a of answers) {
        const doc = documents.find((d) => d.id === a.source.id)!;
        expect(normalise(doc.body)).toContain(normalise(a.excerpt));
        expect(a.excerpt.length).toBeLessThanOrEqual(400);
        expect(a.excerpt).toMatch(/^[\p{Lu}“"«\d]/u);
        expect(a.source).toMatchObject({ id: doc.id, title: doc.title, publisher: doc.publisher, date: doc.date });
        expect(a.excerpt.slice(a.highlight.start, a.highlight.end).length).toBeGreaterThan(0);
      }
    }
  });

  it('pages with limit and offset without repeating answers', () => {
    const all = retriever.search('referendum', { limit: 10 });
    expect(all.length).toBeGreaterThan(4);
    const page2 = retriever.search('referendum', { limit: 2, offset: 2 });
    expect(page2.map((a) => a.excerpt)).toEqual(all.slice(2, 4).map((a) => a.excerpt));
    expect(new Set(all.map((a) => a.excerpt)).size).toBe(all.length);
    expect(retriever.search('referendum', { limit: 0 })).toEqual([]);
  });

  it('finds the sentence for paraphrases, typos and numbers written differently', () => {
    expect(retriever.search('How many voting stations abroad?')[0]?.excerpt).toContain('65 precincts');
    expect(retriever.search('how many poling stations')[0]?.excerpt).toContain('10,012');
    expect(retriever.search('10012 polling places')[0]?.excerpt).toContain('10,012');
    expect(retriever.search('Who is the head of the Central Election Commission?')[0]?.excerpt).toContain('Nurlan Abdirov');
  });

  it('shows two neighbouring sentences together when both answer (one names the meeting, the next who chaired it)', () => {
    const body = `${FILLER_PARAGRAPH}\n\nThe Dialogue Platform held an extraordinary meeting on the referendum on 30 May. The meeting was chaired by Usen Suleimen, Ambassador-at-Large.\n\nThe platform also met in January to discuss other matters.`;
    const small = createRetriever([testDocument('p', body)], { judge: (f) => f.specific === 1 });
    const [first] = small.search('Who chaired the Dialogue Platform meeting on the referendum on 30 May?');
    expect(first?.excerpt).toBe('The Dialogue Platform held an extraordinary meeting on the referendum on 30 May. The meeting was chaired by Usen Suleimen, Ambassador-at-Large.');
    expect(small.search('When did the platform meet in January?')[0]?.excerpt).toBe('The platform also met in January to discuss other matters.');
  });

  it('shows the neighbour across a paragraph break only when it is the next candidate and scores nearly as well', () => {
    const body = `${FILLER_PARAGRAPH}\n\nThe Dialogue Platform held an extraordinary meeting on 30 May.\n\nThe extraordinary meeting of the platform was chaired by Usen Suleimen.\n\nThe platform also met in January to discuss other matters.`;
    const small = createRetriever([testDocument('p', body)], { judge: (f) => f.specific === 1 });
    expect(small.search('Who chaired the extraordinary meeting of the Dialogue Platform on 30 May?')[0]?.excerpt).toBe('The Dialogue Platform held an extraordinary meeting on 30 May.\n\nThe extraordinary meeting of the platform was chaired by Usen Suleimen.');
    expect(small.search('Who chaired the extraordinary meeting?')[0]?.excerpt).toBe('The extraordinary meeting of the platform was chaired by Usen Suleimen.');
  });

  it('when two answering neighbours are too long to show together, shows first the one that offers the kind of answer asked for, then the other', () => {
    const report = 'The second item on the agenda of the meeting was devoted to the preparation of the national report on the implementation of the convention on the rights of persons with disabilities, a long and detailed document covering every region, every ministry, every public service and every year since the convention was ratified by the parliament.';
    const presenters = 'Representatives of the Ministry of Labour and the Ministry of Health presented their reports.';
    const body = `${FILLER_PARAGRAPH}\n\n${report} ${presenters}\n\nThe platform also met in January to discuss other matters.`;
    expect(report.length + presenters.length).toBeGreaterThan(400);
    const small = createRetriever([testDocument('p', body)], { judge: (f) => f.specific === 1 });
    const answers = small.search('Which ministries presented reports on the national report on the convention on the rights of persons with disabilities ratified by the parliament?');
    expect(answers.map((a) => a.excerpt).slice(0, 2)).toEqual([presenters, report]);
    expect(answers[0]!.score).toBeGreaterThanOrEqual(answers[1]!.score);
  });

  it('does not answer about an institution named in full with a sentence that names only part of it', () => {
    const reform = 'The constitutional reform started on 1 January 2023 and opened a new era in the work of parliament.';
    const court = 'The Constitutional Court will protect the rights of citizens who appeal to it.';
    const small = createRetriever([testDocument('p', `${FILLER_PARAGRAPH}\n\n${reform}\n\n${court}\n\nThe Constitutional Council reviewed laws until the reform.`)]);
    // "constitutional reform" is not the Constitutional Court, and no sentence says when the court started.
    expect(small.search('When did the new Constitutional Court start working?')).toEqual([]);
    // Named with where it is: still the sources' Constitutional Court.
    expect(small.search('On what date did the new Constitutional Court of Kazakhstan start working?')).toEqual([]);
    expect(small.search('When did the constitutional reform start?')[0]?.excerpt).toBe(reform);
    expect(small.search('What will the Constitutional Court do?')[0]?.excerpt).toContain(court);
  });

  it('reads "people living abroad" as abroad, not as the everyday words "people" and "living"', () => {
    expect(retriever.search('Could citizens living abroad vote?')[0]?.excerpt).toContain('65 precincts in 52 countries');
  });

  it('reads "who picks the members" as who appoints them', () => {
    expect(retriever.search('who picks the election commission members now?')[0]?.excerpt).toContain('the President appoints the CEC chairman');
  });

  it('shows with a sentence that only restates the question the one after it, which answers', () => {
    const answer = retriever.search('Why is the establishment of the Constitutional Court important, in the professor’s view?')[0]?.excerpt;
    expect(answer).toMatch(/^The establishment of the Constitutional Court is very important\. According to the Constitution/);
    // In other words, as one concept ("creating": the establishment), it restates the question all the same.
    expect(retriever.search("Why is creating a Constitutional Court important, in Abdrassulov's view?")[0]?.excerpt).toMatch(/^The establishment of the Constitutional Court is very important\. According to the Constitution/);
    // A yes/no question is settled by the restatement itself.
    expect(retriever.search('Is the establishment of the Constitutional Court important?')[0]?.excerpt).toBe('The establishment of the Constitutional Court is very important.');
  });

  it('refuses a Russian or Kazakh question most of whose weight no lexicon can read, whatever place names match', () => {
    // "How many hours does the train take from Almaty to Shymkent?": only the cities are read, as in the survey's sentence.
    expect(retriever.search('Алматыдан Шымкентке пойызбен неше сағат жүреді?')).toEqual([]);
  });

  it('counts what a translated "how many" asks about by its first word, though a later one stays unread', () => {
    // "how many hours ехать train ...": hours, which the survey's "1,200 respondents" does not count.
    expect(retriever.search('Сколько часов ехать на поезде из Алматы в Шымкент?')).toEqual([]);
  });

  it('keeps the Constitutional Council apart from the Constitutional Court that replaced it', () => {
    const answer = retriever.search('What do the amendments do to the Constitutional Council?')[0]?.excerpt;
    // The sentence that says what happens to the council comes first, not one about the court (shown only beside it).
    expect(answer).toMatch(/^The transformation of the Constitutional Council into a Constitutional Court/);
  });

  it('puts a close runner-up that holds every question word, in itself or its neighbours, before one lacking a heavy word', () => {
    // The January meeting's sentence matches more words in itself; only the May article's sentence and its
    // neighbour hold "snap", "discussed" and "referendum" too.
    const [first] = retriever.search('Who chaired the snap meeting of the Dialogue Platform on Human Dimension that discussed the referendum?');
    expect(first?.source.id).toBe('kazinform-2022-05-30-dialogue-platform-referendum');
    expect(first?.excerpt).toContain('chaired by Usen Suleimen');
  });

  it('answers "how many X" by a sentence counting X, even one matching fewer of the other words', () => {
    const mention = 'Observers of the international assessment mission also took an active part in the referendum monitoring.';
    const count = 'The mission sent 20 observers.';
    // Which comes first is tested here; whether so small a corpus answers at all is abstention's business.
    const small = createRetriever([testDocument('p', `${FILLER_PARAGRAPH}\n\n${mention}\n\n${count}`)], { judge: (f) => f.specific === 1 });
    expect(small.search('How many observers did the international assessment mission send to the referendum?')[0]?.excerpt).toBe(count);
    // In a translation too, once its counted word is read.
    expect(small.search('Сколько наблюдателей направила международная миссия по оценке на референдум?')[0]?.excerpt).toBe(count);
  });

  it("does not put before the first sentence a neighbour that is complete only through it", () => {
    // The next sentence ("As a rule, it is difficult to cover all polling stations ...") holds every word only with
    // this one as its context; this one says who observes.
    expect(retriever.search('Were Kazakh NGOs allowed to observe at the polling stations?')[0]?.excerpt).toContain('Observers from Kazakh public associations and non-governmental organizations');
  });

  it('does not take "NGOs" for the name of an organisation when a question asks which organisations', () => {
    const some = 'At the meeting on the reform, some NGOs voiced alternative views.';
    const named = 'Representatives of the Public Association Dignity and the Foundation for Law also spoke at the meeting.';
    const small = createRetriever([testDocument('p', `${FILLER_PARAGRAPH}\n\n${some}\n\n${named}`)]);
    const [reading] = small.explain('Which NGOs spoke at the meeting on the reform?', 3) as Array<{ type: string; top: Array<{ text: string; fit: number }> }>;
    expect(reading?.type).toBe('organisation');
    expect(reading?.top.find((c) => c.text === some)?.fit).toBe(0);
    expect(reading?.top.find((c) => c.text === named)?.fit).toBe(1);
  });

  it('cuts an over-long sentence around the part naming what a "which" question asks for, though another part matches more of its other words', () => {
    const listed = 'The session was held via videoconference and was attended by members of the Parliament, the Secretary of the Presidential Commission for Human Rights, representatives of the Supreme Court, the Constitutional Council, the Office of the Commissioner, interested ministries, human rights NGOs, as well as guests of the platform - including representatives of the OSCE, the UN Development Program, the European Union, the Swiss and Canadian Embassies in Astana, and the Japanese International Cooperation Agency.';
    const small = createRetriever([testDocument('p', `${FILLER_PARAGRAPH}\n\n${listed}`)]);
    const [answer] = small.search('Which embassies attended the session as guests of the platform?');
    expect(listed.length).toBeGreaterThan(400);
    expect(answer?.cut?.start || answer?.cut?.end).toBe(true);
    expect(answer?.excerpt).toContain('Swiss and Canadian Embassies');
  });

  it('reads a title or a relation as readers put it ("political analyst", "civil society", "in line with") as the sources write it', () => {
    const scientist = 'Political scientist Timur Bekov believes that the referendum corresponds to the principles of direct democracy.';
    const analystOfBank = 'A bank analyst said the line at the polling station was long.';
    const small = createRetriever([testDocument('p', `${FILLER_PARAGRAPH}\n\n${analystOfBank}\n\n${scientist}\n\nThe civil sector mostly spoke in favour of the referendum.`)]);
    expect(small.search('What did the political analyst say the vote is in line with?')[0]?.excerpt).toBe(scientist);
    expect(small.search('How did civil society feel about the referendum?')[0]?.excerpt).toContain('The civil sector mostly spoke in favour');
    const depends = createRetriever([testDocument('d', `${FILLER_PARAGRAPH}\n\nThe outcome of the vote was discussed on the day of the vote.\n\nSuccess will largely depend on the activity of the citizens themselves.`)], { judge: () => true });
    expect(depends.search('What does the outcome of the vote hinge on?')[0]?.excerpt).toContain('depend on the activity');
  });

  it('answers a question about now by how things are, not by a close sentence telling how they were', () => {
    const was = 'Before the constitutional reform in 2007, the appointment of the commission members was the responsibility of the Mazhilis.';
    const is = 'According to the Constitution, the President appoints two commission members.';
    const small = createRetriever([testDocument('p', `${FILLER_PARAGRAPH}\n\n${was}\n\n${FILLER_PARAGRAPH}\n\n${is}`)], { judge: () => true });
    expect(small.search('How are commission members appointed now?')[0]?.excerpt).toBe(is);
    expect(small.search('How are commission members appointed?')[0]?.excerpt).toBe(is);
    expect(small.search('Как сейчас назначают членов комиссии?')[0]?.excerpt).toBe(is);
    expect(small.search('Who was responsible for appointing commission members before 2007?')[0]?.excerpt).toBe(was);
  });

  it('answers "what is" with initials in Russian and Kazakh as in English: the lexicon renders them with their expansion, and the initials alone name the thing', () => {
    for (const q of ['What is KazISS?', 'Что такое КИСИ?', 'ҚСЗИ деген қандай ұйым?']) expect(retriever.search(q)[0]?.excerpt, q).toMatch(/KazISS|Institute for Strategic Studies/);
  });

  it('answers a translated "who did X" by a sentence naming someone who did X before a fuller one naming nobody', () => {
    expect(retriever.search('Кто открыл международную конференцию к 30-летию ЦИК в Астане?')[0]?.excerpt).toContain('Baspayev');
  });

  it('answers Kazakh typed in Latin letters as it answers the same question in Cyrillic', () => {
    const excerpts = (q: string) => retriever.search(q, { limit: 3 }).map((a) => a.excerpt);
    const latin = excerpts('referendum qai kuni otti? 5 mausymda ma?');
    expect(latin.length).toBeGreaterThan(0);
    expect(latin).toEqual(excerpts('референдум қай күні өтті? 5 маусымда ма?'));
    expect(excerpts('qazaqstan jastarynyn kundylyktary kandai dep aitty KISI sarapshysy?')[0]).toContain('liberal paradigm');
  });

  it('abstains when only generic or unknown words match', () => {
    for (const q of ['', '   ', '???', 'Kazakhstan today', 'the of and', 'What is the capital of France?', 'bitcoin price', 'weather in Almaty tomorrow', '🗳️🇰🇿', '<b>&amp;</b>']) {
      expect(retriever.search(q), q).toEqual([]);
    }
  });

  it('handles huge and hostile input without throwing', () => {
    const hostile = ['a'.repeat(10_000), 'referendum '.repeat(2_000), '\u0000\u0001\u200b\u202e', '*_[]()~`>#+-=|{}.!', '<script>alert(1)</script> referendum', 'constructor', 'What is the constructor?', 'toString valueOf __proto__ hasOwnProperty', 'Что такое constructor?'];
    for (const q of hostile) expect(() => retriever.search(q)).not.toThrow();
    expect(retriever.search('<b>When</b> is the <a href="https://example.org">referendum</a> held? https://t.me/x').length).toBeGreaterThan(0);
  });

  it('exposes the documents and passage count for citations and health checks', () => {
    expect(retriever.documents.map((d) => d.id).sort()).toEqual(documents.map((d) => d.id).sort());
    expect(retriever.passageCount).toBeGreaterThan(50);
  });
});

describe('answers from one paragraph', () => {
  it('never show a sentence twice: one sharing only a neighbour shown for context is shown by itself', () => {
    const body = `${FILLER_PARAGRAPH}\n\nDelegates from ten countries came to watch the vote. They visited polling stations in every region. It was the largest monitoring mission in the history of the country.\n\nThe lists were printed in May.`;
    const answers = createRetriever([testDocument('a', body)], { judge: () => true }).search('which monitoring mission visited polling stations', { limit: 5 });
    expect(answers.map((a) => a.excerpt)).toContain('Delegates from ten countries came to watch the vote.');
    const shown = answers.flatMap((a) => a.excerpt.split(/(?<=\.)\s+/));
    expect(new Set(shown).size).toBe(shown.length);
  });
});

describe('search on a hostile document', () => {
  it('bounds the work per query on a 1 MB run-on sentence (answer-kind checks read its start, excerpts are linear)', () => {
    const clauses = Array.from({ length: 20_000 }, (_, i) => (i === 14_000 ? 'the referendum mission was led by Tamas Meseric' : `the committee of district number ${i} reviewed the referendum budget`));
    const body = `${clauses.join(', ')}.`;
    expect(body.length).toBeGreaterThan(1_000_000);
    const big = createRetriever([...documents, { id: 'run-on', title: 'Run-on', publisher: 'P', date: '2022', language: 'en', body, file: 'run-on.md' }]);
    big.search('Who chaired the meeting?'); // the first English question loads WordNet, once per process
    const runs: number[] = [];
    for (const q of ['Who led the referendum mission?', 'What did the district committee review?', 'When was the referendum held?']) {
      const started = performance.now();
      const answers = big.search(q, { limit: 5 });
      runs.push(performance.now() - started);
      for (const a of answers) expect(a.excerpt.length).toBeLessThanOrEqual(400);
    }
    // A few milliseconds each here; the bound is 50 ms, doubled for a loaded test machine.
    expect(Math.max(...runs)).toBeLessThan(100);
  });
});

/** Sentences on other topics, so that a small test document's words are not in most of its sentences (generic). */
const FILLER = [
  'The referendum was held on 5 June 2022.',
  'Observers from several missions watched the vote at polling stations.',
  'The Mazhilis will be elected under a mixed electoral system.',
  'Citizens voted on amendments to 33 articles of the Constitution.',
  'The Senate will lose some of its legislative powers.',
  'Regional akims will be elected in the future.',
];
const smallDocument = (sentences: string[], after: string[] = []): CorpusDocument => ({ id: 'small', title: 'T', publisher: 'P', date: '2022-05-30', language: 'en', file: 'small.md', body: [...sentences, ...FILLER, ...after].join(' ') });

describe('who-questions', () => {
  const meeting = smallDocument(
    [
      'Protection of human rights is the main task of the Ombudsman and the Prosecutor General.',
      'The Ombudsman reported to the Senate.',
      'The meeting on the referendum, held in the capital after a long debate among many participants from the regions, was opened by the Ombudsman of Kazakhstan, Elvira Azimova.',
      'The Constitutional Court will hear appeals from the Ombudsman and the Prosecutor General.',
    ],
    ['The new Constitutional Court will replace the Constitutional Council.', 'Polling stations opened at 7 a.m. local time.'],
  );

  it('"Who is the <office>?" is answered by the sentence naming the person, not by one naming only offices', () => {
    const offices = createRetriever([meeting]);
    expect(offices.search('Who is the ombudsman?', { limit: 1 })[0]?.excerpt).toContain('Elvira Azimova');
    // "Who can ...?" may be answered by an office.
    expect(offices.search('Who can appeal to the Constitutional Court?', { limit: 1 })[0]?.excerpt).toContain('hear appeals from the Ombudsman');
  });
});

describe('phrases', () => {
  it('a sentence with both words of a phrase apart ("in general, the prosecutor") ranks below one with the phrase', () => {
    // Either order of the two sentences in the document: the ranking must not depend on it.
    for (const sentences of [
      ['In general, the prosecutor spoke at the meeting.', 'The Prosecutor General spoke at the meeting.'],
      ['The Prosecutor General spoke at the meeting.', 'In general, the prosecutor spoke at the meeting.'],
    ]) {
      const answers = createRetriever([smallDocument(sentences)]).search('Did the Prosecutor General speak at the meeting?', { limit: 2 });
      expect(answers[0]?.excerpt).toBe('The Prosecutor General spoke at the meeting.');
    }
  });
});
