import { describe, expect, it } from 'vitest';
import { holdsAnswerKind, mentionsOffice, namesOtherRank, offersAnswerKind, untranslatedShare } from '../../src/retrieval/rank/abstention.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import { specificFirst } from '../../src/retrieval/rank/select.ts';
import { FILLER, testDocument } from '../support/test-corpus.ts';
import type { WeightedUnit } from '../../src/retrieval/rank/ranker.ts';

const unit = (term: string, weight: number, unknown: boolean): WeightedUnit => ({
  surface: term, term, alternatives: [], concepts: [], related: [], broader: [], similar: [], everyday: 0, position: 0, corrected: false, focus: false, ids: Int32Array.of(-1), credits: Float64Array.of(1), exact: 1, similarStart: 1, weight, generic: unknown, unknown, expandedOnly: false, contextCredit: 0.45, titleCredit: 0.35, backTitleCredit: 0.6,
});
const sentence = (text: string, fit = 0) => ({ fit, passage: { sentence: { text } } });

describe('untranslatedShare', () => {
  it('is the weight share of words left in Cyrillic that the corpus does not know', () => {
    expect(untranslatedShare([unit('astana', 4, false), unit('доехать', 4, true), unit('аэропорта', 4, true), unit('citi', 4, false)])).toBe(0.5);
    // An English word the corpus lacks is not "untranslated": it is judged like any English question's word.
    expect(untranslatedShare([unit('born', 4, true), unit('tokayev', 4, false)])).toBe(0);
    expect(untranslatedShare([])).toBe(0);
  });
});

describe('holdsAnswerKind', () => {
  it('wants a date for "when": a full or partial date, a year, a month, in English, Russian or Kazakh', () => {
    expect(holdsAnswerKind({ type: 'when' }, sentence('It happened, he said.'))).toBe(false);
    expect(holdsAnswerKind({ type: 'when' }, sentence('Before the constitutional reform in 2007, ...'))).toBe(true);
    expect(holdsAnswerKind({ type: 'when' }, sentence('in his March address'))).toBe(true);
    expect(holdsAnswerKind({ type: 'when' }, sentence('Референдум прошёл 5 июня.'))).toBe(true);
    expect(holdsAnswerKind({ type: 'when' }, sentence('Референдум 2022 жылғы маусымда өтті.'))).toBe(true);
    expect(holdsAnswerKind({ type: 'when' }, sentence('Мажилис и Сенат'))).toBe(false);
    expect(holdsAnswerKind({ type: 'when' }, sentence('no date here', 0.4))).toBe(true);
  });

  it('wants the counted thing for "how many", a share for "what percentage"; other questions take any sentence', () => {
    expect(holdsAnswerKind({ type: 'how_many' }, sentence('No number here.'))).toBe(false);
    expect(holdsAnswerKind({ type: 'how_many' }, sentence('65 precincts', 1))).toBe(true);
    expect(holdsAnswerKind({ type: 'percent' }, sentence('most people'))).toBe(false);
    // "How many observers did the CSTO send?": a number counting something else is no answer to an English question.
    expect(holdsAnswerKind({ type: 'how_many', countsAskedThing: true }, sentence('10 countries and six international organizations', 0.35))).toBe(false);
    expect(holdsAnswerKind({ type: 'how_many', countsAskedThing: true }, sentence('20 observers watched', 1))).toBe(true);
    expect(holdsAnswerKind({ type: 'how_many' }, sentence('10 countries and six international organizations', 0.35))).toBe(true);
    expect(holdsAnswerKind({ type: 'who' }, sentence('anything'))).toBe(true);
    expect(holdsAnswerKind({ type: 'other' }, sentence('anything'))).toBe(true);
  });
});

describe('a question that asks for a time of day or for who holds an office', () => {
  const surfaces = (q: string) => new Set(q.toLowerCase().split(/\s+/));

  it('wants a time of day, not a date', () => {
    const clock = { type: 'when' as const, asksClock: true };
    expect(holdsAnswerKind(clock, sentence('Polling stations opened on 5 June.', 1))).toBe(false);
    expect(holdsAnswerKind(clock, sentence('Polling stations opened at 7 a.m. on 5 June.', 1))).toBe(true);
    expect(holdsAnswerKind(clock, sentence('Участки открылись в 8 часов утра.'))).toBe(true);
    expect(holdsAnswerKind(clock, sentence('Voting ended at 20:00.'))).toBe(true);
  });

  it('wants an amount of money for a question about cost, not any number', async () => {
    const { analyseQuestion } = await import('../../src/retrieval/query/question.ts');
    const everyWord = { hasTerm: () => true, documentFrequency: () => 1, closestWord: () => null };
    expect(analyseQuestion('How much did the referendum cost?', everyWord).asksMoney).toBe(true);
    expect(analyseQuestion('How many polling stations were there?', everyWord).asksMoney).toBe(false);
    const money = { type: 'how_many' as const, asksMoney: true };
    expect(holdsAnswerKind(money, sentence('The referendum is held in 10,012 polling places.', 1))).toBe(false);
    expect(holdsAnswerKind(money, sentence('The referendum cost 10 billion tenge.', 1))).toBe(true);
    expect(holdsAnswerKind(money, sentence('На референдум потратили 5 млрд тенге.', 1))).toBe(true);
  });

  it('wants a day of the month for "on what date", not a month', async () => {
    const { DAY_QUESTION } = await import('../../src/retrieval/query/question.ts');
    expect(['On what date was the address published?', 'Какого числа было обращение?', 'Жолдау нақты қай күні жарияланды?'].every((q) => DAY_QUESTION.test(q))).toBe(true);
    expect(DAY_QUESTION.test('When was the address published?')).toBe(false);
    const day = { type: 'when' as const, asksDay: true };
    expect(holdsAnswerKind(day, sentence('The reforms announced in his March address imply changes.', 1))).toBe(false);
    expect(holdsAnswerKind(day, sentence('In his address of 16 March the President announced reforms.', 1))).toBe(true);
  });

  it('wants a name holding that very office: a deputy is another office', () => {
    expect(namesOtherRank('Deputy Minister of Foreign Affairs Roman Vassilenko noted ...', surfaces('who is the minister of foreign affairs'))).toBe(true);
    expect(namesOtherRank('Deputy Minister of Foreign Affairs Roman Vassilenko noted ...', surfaces('who is the deputy minister of foreign affairs'))).toBe(false);
    expect(namesOtherRank('Minister Ivanov and his deputy minister spoke.', surfaces('who is the minister'))).toBe(false);
    expect(namesOtherRank('Deputy Minister of Foreign Affairs Roman Vassilenko noted ...', surfaces('who was the deputy chairman of the cec'))).toBe(true);
    expect(namesOtherRank('Deputy Chairman Ivan Petrov and Deputy Minister Roman Vassilenko', surfaces('who was the deputy chairman of the cec'))).toBe(false);
    const officeHolder = { type: 'who' as const, wantsName: true, surfaces: surfaces('who is the prosecutor general') };
    expect(holdsAnswerKind(officeHolder, sentence('This is the task of the Ombudsman and the Prosecutor General.', 0))).toBe(false);
    expect(holdsAnswerKind(officeHolder, sentence('Prosecutor General Ivan Petrov spoke.', 1))).toBe(true);
    // The post in a list of those who attended, held by no one named: not who holds it.
    const secretary = { type: 'who' as const, wantsName: true, surfaces: surfaces('who is the secretary of the commission for human rights') };
    expect(holdsAnswerKind(secretary, sentence('It was attended by the Secretary of the Commission for Human Rights, representatives of the Supreme Court and ministries.', 1))).toBe(false);
    expect(holdsAnswerKind(secretary, sentence('The speakers were the Secretary of the Commission for Human Rights of the Republic of Kazakhstan Aigerim Zhaksylykova and others.', 1))).toBe(true);
  });

  it('is told "not in my sources" when the sentence lacks it, however many words match', () => {
    const body = `${FILLER}In his welcoming speech, Deputy Minister of Foreign Affairs Roman Vassilenko noted the importance of the vote. Polling stations opened across the country on 5 June. The Prosecutor General protects human rights.`;
    const retriever = createRetriever([testDocument('a', body)]);
    expect(retriever.search('Who is the Minister of Foreign Affairs?')).toEqual([]);
    expect(retriever.search('Кто министр иностранных дел?')).toEqual([]);
    expect(retriever.search('Who is the Prosecutor General?')).toEqual([]);
    expect(retriever.search('What is the name of the Prosecutor General?')).toEqual([]);
    expect(retriever.search('Как зовут генерального прокурора?')).toEqual([]);
    expect(retriever.search('What time did polling stations open on 5 June?')).toEqual([]);
    expect(retriever.search('Во сколько открылись избирательные участки?')).toEqual([]);
    expect(retriever.search('Who is the Deputy Minister of Foreign Affairs?')[0]?.excerpt).toContain('Roman Vassilenko');
    // "Who from the ministry explained ...?" asks who spoke for it, not who holds an office.
    const ministry = createRetriever([testDocument('b', `${FILLER}The representative of the Ministry of Justice elaborated on the content of the amendments.`)]);
    expect(ministry.search('Түзетулердің мазмұнын Әділет министрлігінен кім түсіндірді?')[0]?.excerpt).toContain('Ministry of Justice');
    expect(retriever.search('When did polling stations open?')[0]?.excerpt).toContain('5 June');
  });
});

describe('a question whose thing asked for the sources never name', () => {
  it('is "not in my sources", however well the rest of it matches', () => {
    const body = `${FILLER}The referendum on the amendments was held on 5 June in 10,012 polling places.`;
    const retriever = createRetriever([testDocument('a', body)]);
    expect(retriever.search('What was the official turnout of the referendum on the amendments?')).toEqual([]);
    expect(retriever.search('What was the date of the referendum on the amendments?')[0]?.excerpt).toContain('5 June');
  });
});

describe('a question about a person or place the sources never name', () => {
  it('is "not in my sources", however well the rest matches; a name in the setting before the question does not count', () => {
    const body = `${FILLER}The amendments changed the status of the first president and his family.\n\nOther reforms followed later.`;
    const retriever = createRetriever([testDocument('a', body)]);
    const answer = 'The amendments changed the status of the first president and his family.';
    expect(retriever.search('What did the amendments change in the status of the first president?')[0]?.excerpt).toContain(answer);
    expect(retriever.search("What did the amendments change in Nazarbayev's status as first president?")).toEqual([]);
    expect(retriever.search('Что поправки изменили в статусе Назарбаева как первого президента?')).toEqual([]);
    expect(retriever.search('I am a journalist from Karaganda. What did the amendments change in the status of the first president?')[0]?.excerpt).toContain(answer);
    // A translation's setting, its dropped words leaving their commas behind ("... материал. Подскажите, пожалуйста, ...").
    expect(retriever.search('Я журналист из Караганды, готовлю материал. Подскажите, пожалуйста, что поправки изменили в статусе первого президента?')[0]?.excerpt).toContain(answer);
  });
});

describe('a question about how the vote came out', () => {
  it('is told apart from questions that only mention the vote or a survey\'s results', async () => {
    const { OUTCOME_QUESTION } = await import('../../src/retrieval/query/question.ts');
    const questions = ['What percentage of the vote did Tokayev receive in the election?', 'How many votes did the amendments get?', 'What was the official voter turnout?', 'What percentage voted yes in the referendum?', 'How many votes were cast abroad?', 'What did the mission conclude in its final report?', 'Какая была явка?', 'Сколько процентов проголосовали «за» поправки?', 'Референдумда неше адам қарсы дауыс берді?', 'Референдумның алдын ала нәтижелері қандай?', 'How many people turned out to vote?', 'Сколько человек проголосовало на референдуме?', 'Референдумға сайлаушылардың қанша пайызы қатысты?', 'Референдумға қатысқан сайлаушылар саны қанша?', 'Миссия қорытынды есебінде не деді?', "What was the observers' assessment of the vote?", 'What did the mission conclude about the referendum?', 'Какие выводы сделала миссия?', 'Миссия референдумға қандай баға берді?', 'What share of voters in the region backed the amendments?', 'Какой процент проголосовавших поддержал поправки?', 'Түзетулерді сайлаушылардың неше пайызы қолдады?', 'How many citizens actually cast ballots abroad?', 'What were the referendum results in Almaty?', 'What percentage of voters cast ballots in favour of the amendments?'];
    const other = ['What percentage of voters support the referendum?', 'What did the analyst say the outcome of the upcoming vote hinges on?', 'What did the survey results show?', 'Можно ли проголосовать за границей?', 'Сауалнама нәтижелері не көрсетті?', 'Шетелдегі азаматтар дауыс бере алды ма?', 'Что предложили по итогам январских событий?', 'How many people took part in the survey?', 'Сауалнамаға неше адам қатысты?', 'Пікірталасты қорытындылаған кім?', 'How do observers draw conclusions about the whole country?', 'Кто возглавлял миссию по оценке референдума?', 'Как выводы наблюдателей с участков распространяют на всю страну?', 'What follows for other laws if voters approve the amendments?', 'Мемлекет басшысы сайлау органдарының жұмысын қалай бағалады?', 'Could citizens abroad cast ballots?', 'In how many countries could expats cast ballots?', 'How many citizens could cast ballots abroad?', 'Who can cast a ballot abroad?'];
    expect(questions.filter((q) => !OUTCOME_QUESTION.test(q))).toEqual([]);
    expect(other.filter((q) => OUTCOME_QUESTION.test(q))).toEqual([]);
    const outcome = { type: 'percent' as const, asksOutcome: true };
    expect(holdsAnswerKind(outcome, sentence('As the results show, 70% of Kazakhstanis are aware of the referendum.', 1))).toBe(false);
    expect(holdsAnswerKind(outcome, sentence('According to the official results of the referendum, 77% voted in favour.', 1))).toBe(true);
  });

  it('is "not in my sources" when no sentence reports an outcome, and answered by one that does', () => {
    const preparations = `${FILLER}The June 5 referendum on the amendments is being held in 10,012 polling places, 65 of them abroad. About 70% of citizens say they will vote for the amendments.`;
    const before = createRetriever([testDocument('a', preparations)]);
    expect(before.search('How many votes were cast at the polling places abroad?')).toEqual([]);
    expect(before.search('What percentage of citizens voted for the amendments in the June 5 referendum?')).toEqual([]);
    expect(before.search('Сколько процентов граждан проголосовали за поправки на референдуме 5 июня?')).toEqual([]);
    expect(before.search('How many polling places were abroad?')[0]?.excerpt).toContain('65 of them abroad');
    const after = createRetriever([testDocument('b', `${preparations} In the June 5 referendum 77% of the citizens who took part voted for the amendments.`)]);
    expect(after.search('What percentage of citizens voted for the amendments in the June 5 referendum?')[0]?.excerpt).toContain('77%');
  });
});

describe('mentionsOffice', () => {
  const asked = (q: string) => new Set(q.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean));

  it('wants the office asked about, by its word or one for the same post, next to its institution', () => {
    expect(mentionsOffice('The event was chaired by Usen Suleimen, Ambassador-at-Large of the Ministry of Foreign Affairs.', asked('Who is the Foreign Minister?'))).toBe(false);
    expect(mentionsOffice('In her speech, the Commissioner for Human Rights Elvira Azimova spoke.', asked('Who is the ombudsman for human rights?'))).toBe(true);
    expect(mentionsOffice('CEC Chairman Nurlan Abdirov said the commission was the first.', asked('Who heads the CEC? Who is its chairman?'))).toBe(true);
    expect(mentionsOffice('Opening the session, CEC Chairman Nurlan Abdirov spoke.', asked('Who is the chairman of the Supreme Court?'))).toBe(false);
    // "Who chaired X?" asks for X's chair: a member of X is not it.
    expect(mentionsOffice('According to Indira Aubakirova, a member of the Working Group on Amendments, ...', asked('Who chaired the Working Group on Amendments?'))).toBe(false);
    expect(mentionsOffice('The meeting of the Dialogue Platform was chaired by Usen Suleimen.', asked('Who chaired the Dialogue Platform meeting?'))).toBe(true);
  });

  it('reads "speaker" as an office only of a legislature: a ministry\'s speaker at a session is one who spoke', () => {
    const keynote = 'The keynote speakers were Secretary Mukhtar Yerman and Director of the Legislative Department of the Ministry of Justice Nazken Zhamaladin.';
    expect(mentionsOffice(keynote, asked('Who was the Justice Ministry speaker at the session?'))).toBe(true);
    expect(mentionsOffice(keynote, asked('Who is the speaker of the Mazhilis?'))).toBe(false);
  });

  it('reads an institution from its acronym ("KazISS": Kazakhstan Institute for Strategic Studies)', () => {
    const text = 'The meeting was moderated by Yerkin Tukumov, the Director of KazISS under the President.';
    expect(mentionsOffice(text, asked('Who is the director of the Kazakhstan Institute for Strategic Studies?'))).toBe(true);
    expect(mentionsOffice(text, asked('Who is the director of the Central Bank?'))).toBe(false);
    expect(mentionsOffice('The keynote speakers were Secretary of the Central Election Commission Mukhtar Yerman and others.', asked('Who is the CEC secretary?'))).toBe(true);
  });

  it('wants every word of the institution the question names next to the office', async () => {
    const { analyseQuestion } = await import('../../src/retrieval/query/question.ts');
    const everyWord = { hasTerm: () => true, documentFrequency: () => 1, closestWord: () => null };
    expect(analyseQuestion('Who is the chairman of the Constitutional Court?', everyWord).officeOf).toEqual(['constitutional', 'court']);
    expect(analyseQuestion('Who is the CEC chairman speaking at the conference?', everyWord).officeOf).toEqual(['cec']);
    expect(analyseQuestion('Who is Kazakhstan\'s human rights commissioner?', everyWord).officeOf).toEqual(['human', 'rights']);
    // Chat and framing words name no institution: "whos the kaziss deputy director again".
    expect(analyseQuestion('who is the kaziss deputy director again', everyWord).officeOf ?? []).not.toContain('again');
    // A misspelt rank ("Depty") is read as corrected: the Deputy Director is the one asked for, and "depty" names no institution.
    const fixes = { hasTerm: (t: string) => t !== 'depti', documentFrequency: () => 1, closestWord: (w: string) => (w === 'depty' ? 'deputy' : null) };
    const typo = analyseQuestion('Who is the Depty Director of KazISS?', fixes);
    expect([...typo.surfaces]).toContain('deputy');
    expect(typo.officeOf).toEqual(['kaziss']);
    // A Kazakh question read word by word keeps Kazakh order: the event before the office is no institution.
    expect(analyseQuestion('2023 year conference CEC chairman who?', everyWord, { translated: true, wantsName: true }).officeOf).toEqual(['cec']);
    const text = 'Opening the session on electoral law in the context of constitutional reform, CEC Chairman Nurlan Abdirov spoke.';
    const question = 'who is the chairman of the constitutional court';
    expect(mentionsOffice(text, asked(question), ['constitutional', 'court'])).toBe(false);
    expect(mentionsOffice(text, asked('who is the chairman of the cec'), ['cec'])).toBe(true);
    // A plural names the post too: "The keynote speakers ... were ... of the Ministry of Justice X".
    expect(mentionsOffice('The keynote speakers were Director of the Ministry of Justice Nazken Zhamaladin.', asked('who was the keynote speaker from the ministry of justice'), ['ministry', 'justice'])).toBe(true);
    expect(mentionsOffice('The Chairman of the Constitutional Court Elvira Azimova spoke.', asked(question), ['constitutional', 'court'])).toBe(true);
  });

  it('asks nothing of a question that names no office', () => {
    expect(mentionsOffice('Anything at all.', asked('Who attended the meeting?'))).toBe(true);
  });
});

describe('what a "how many" question counts', () => {
  it('must be counted by the answer, in a translation too unless no lexicon read the counted word', async () => {
    const { analyseQuestion } = await import('../../src/retrieval/query/question.ts');
    const everyWord = { hasTerm: () => true, documentFrequency: () => 1, closestWord: () => null };
    const noWord = { hasTerm: () => false, documentFrequency: () => 0, closestWord: () => null };
    expect(analyseQuestion('How many observers did the CSTO send?', everyWord).countsAskedThing).toBe(true);
    expect(analyseQuestion('How many observers did the CSTO send?', everyWord, { translated: true }).countsAskedThing).toBe(true);
    // "Сколько наблюдателей ..." with the noun left in Cyrillic: nothing in the sources can count it.
    expect(analyseQuestion('How many наблюдателей did the CSTO send?', noWord, { translated: true }).countsAskedThing).toBe(false);
    expect(analyseQuestion('When was the vote held?', everyWord).countsAskedThing).toBe(false);
    // X is the noun phrase up to its verb, its head noun last: "local voting commissions" counts commissions.
    expect([...analyseQuestion('How many local voting commissions did the secretary mention?', everyWord).countedTerms]).toContain('commis');
    expect([...analyseQuestion('How many people were killed in January?', everyWord).countedTerms]).toEqual(['peopl']);
  });
});

describe('a yes/no question that states a length of time', () => {
  it('is settled only by a sentence with that number', async () => {
    const { claimedLengthOf } = await import('../../src/retrieval/query/question.ts');
    expect(claimedLengthOf('Did the reform limit the president to a single seven-year term?')).toBe(7);
    expect(claimedLengthOf('Was it the first national referendum in 27 years?')).toBe(27);
    expect(claimedLengthOf('Was the May 30 session held online?')).toBeUndefined();
    const seven = { type: 'yesno' as const, claimedLength: 7 };
    expect(holdsAnswerKind(seven, sentence('The President appoints the CEC chairman and two members for a five-year term.', 1))).toBe(false);
    expect(holdsAnswerKind(seven, sentence('The President is elected for a single seven-year term.', 1))).toBe(true);
    expect(holdsAnswerKind({ type: 'yesno', claimedLength: 27 }, sentence('For the first time in 27 years, a national referendum will be held.', 1))).toBe(true);
    expect(holdsAnswerKind({ type: 'yesno', claimedLength: 2 }, sentence('It lasted 27 years.', 1))).toBe(false);
  });
});

describe('a "how long" question about whose term', () => {
  it('is answered only by a length said of that holder', async () => {
    const { termOwnerOf } = await import('../../src/retrieval/query/question.ts');
    expect(termOwnerOf("How long is the President's term of office?")).toBe('presid');
    expect(termOwnerOf('How long is the term of office of the president?')).toBe('presid');
    // "the term of office for X's Y and Z": any of their words may name the holder next to the length.
    const owners = termOwnerOf("How long is the term of office for the election commission's chair and members?");
    expect(owners?.split('|')).toEqual(expect.arrayContaining(['chair', 'member']));
    expect(holdsAnswerKind({ type: 'how_long', termOwner: owners! }, sentence('The President appoints the CEC chairman and two members for a five-year term.', 1))).toBe(true);
    expect(holdsAnswerKind({ type: 'how_long', termOwner: owners! }, sentence('The survey ran for two weeks in May.', 1))).toBe(false);
    expect(termOwnerOf('how long do cec members serve')).toBeUndefined();
    // Translations name the holder next to the term, either side ("президенттің өкілеттік мерзімі", "срок полномочий президента").
    expect(termOwnerOf('amendments President term how long?', true)).toBe('presid');
    expect(termOwnerOf('how long term President?', true)).toBe('presid');
    expect(termOwnerOf('how long President CEC members appoint?', true)).toBeUndefined();
    const president = { type: 'how_long' as const, termOwner: 'presid' };
    expect(holdsAnswerKind(president, sentence('The President appoints the CEC chairman and two members for a five-year term.', 1))).toBe(false);
    expect(holdsAnswerKind(president, sentence('The President is elected for a single seven-year term.', 1))).toBe(true);
    expect(holdsAnswerKind({ type: 'how_long', termOwner: 'member' }, sentence('The President appoints the CEC chairman and two members for a five-year term.', 1))).toBe(true);
  });
});

describe('a question about how a meeting was held', () => {
  it('is first answered by a sentence naming a format, in English or translated', async () => {
    const { analyseQuestion } = await import('../../src/retrieval/query/question.ts');
    const everyWord = { hasTerm: () => true, documentFrequency: () => 1, closestWord: () => null };
    expect(analyseQuestion('Was the May session held in person?', everyWord).asksFormat).toBe(true);
    expect(analyseQuestion('Who chaired the May session?', everyWord).asksFormat).toBeUndefined();
    const format = { type: 'yesno' as const, asksFormat: true };
    expect(offersAnswerKind(format, sentence('At the snap meeting of the platform on 30 May the major issue was the referendum.', 1))).toBe(false);
    expect(offersAnswerKind(format, sentence('The session was held via videoconference.', 0.3))).toBe(true);
    const retriever = createRetriever([testDocument('p', `${FILLER}\n\nThe snap meeting of the platform on 30 May discussed the referendum and the work of the observers in detail.\n\nThe session was held via videoconference and attended by experts.`)]);
    expect(retriever.search('Заседание площадки 30 мая проходило очно?')[0]?.excerpt).toContain('videoconference');
  });
});

describe('a first sentence that matches only generic words ("people", "Kazakhstan")', () => {
  const candidate = (id: string, score: number, specificMatch: boolean) => ({ id, score, specificMatch });
  it('gives way to a close runner-up that matches a word of the topic', () => {
    const scored = [candidate('people', 8.2, false), candidate('other', 8, false), candidate('court', 7.9, true)];
    specificFirst(scored);
    expect(scored.map((c) => c.id)).toEqual(['court', 'people', 'other']);
  });

  it('stays first when no specific runner-up is close, or when it is specific itself', () => {
    const far = [candidate('people', 10, false), candidate('court', 7, true)];
    specificFirst(far);
    expect(far.map((c) => c.id)).toEqual(['people', 'court']);
    const specific = [candidate('court', 10, true), candidate('law', 9.9, true)];
    specificFirst(specific);
    expect(specific.map((c) => c.id)).toEqual(['court', 'law']);
  });
});

describe('a question for a new power or opportunity', () => {
  it('is offered only by a sentence saying what someone is able to do, or has the chance to', () => {
    const asks = { type: 'other' as const, asksAbility: true };
    expect(offersAnswerKind(asks, sentence('The Ombudsman will be able to appeal to the Court.', 1))).toBe(true);
    expect(offersAnswerKind(asks, sentence('The reform gives the Ombudsman a special status.', 0))).toBe(false);
    // Other questions are offered by any sentence on their topic.
    expect(offersAnswerKind({ type: 'other' }, sentence('The reform gives the Ombudsman a special status.', 0))).toBe(true);
  });

  it('reads "a chance to" as an opportunity', () => {
    const body = `${FILLER}The conference, he noted, is a chance to voice well-considered opinions.\n\nThe count went on all night.\n\nThe conference was held in Astana in December.`;
    const retriever = createRetriever([testDocument('a', body)], { judge: () => true }) as unknown as { explain(q: string, top: number): Array<{ top: Array<{ text: string; fit: number }> }> };
    const top = retriever.explain('What opportunity does the conference offer?', 5)[0]!.top;
    expect(top.find((t) => t.text.includes('a chance to voice'))?.fit).toBe(1);
    expect(top.find((t) => t.text.includes('held in Astana'))?.fit).toBe(0);
  });
});

describe('shouldAnswer', () => {
  // The evidence of "How many people were interviewed in the KazISS survey?" with "The sociological survey involved 1,200 respondents ...".
  const found = { coverage: 0.64, knownCoverage: 0.64, missing: 0, unknownShare: 0, expandedShare: 0.17, focusUnknown: 0, kindMissing: 0, strictKindMissing: 0, askedForUnknown: 0, fit: 1, specific: 1, translated: 0, untranslated: 0, units: Math.log1p(4), margin: 0.14, keywords: 0, unknownName: 0 };

  it('answers when no word of the question is missing, half of its weight is found and the kind of answer is there, whatever the model says', async () => {
    const { answerProbability, shouldAnswer } = await import('../../src/retrieval/rank/abstention.ts');
    const { ABSTENTION_MODEL } = await import('../../src/retrieval/rank/abstention-model.ts');
    expect(answerProbability(found)).toBeLessThan(ABSTENTION_MODEL.threshold);
    expect(shouldAnswer(found)).toBe(true);
    // A heavy word missing, or the kind of answer not there: the model decides.
    expect(shouldAnswer({ ...found, missing: 0.8 })).toBe(false);
    expect(shouldAnswer({ ...found, kindMissing: 1 })).toBe(false);
    expect(shouldAnswer({ ...found, coverage: 0.4, knownCoverage: 0.4 })).toBe(false);
  });
});
