import { readFileSync } from 'node:fs';
import { asksWhether, createQuestionReader, definitionFrame, spokenRussian, withoutGreeting, withoutTruthFrame } from '../../src/retrieval/query/readings.ts';
import { describe, expect, it } from 'vitest';
import { cyrillicTerm, detectQuestionLanguage } from '../../src/retrieval/text/languages.ts';
import { defaultLexicons, LexiconError, parseLexicon, parseWordDictionary, type Lexicons } from '../../src/retrieval/query/lexicon.ts';
import { translateQuestion, translateQuestionParts } from '../../src/retrieval/query/translate.ts';

const small: Lexicons = {
  ru: parseLexicon(
    ['# test lexicon', 'сколько\thow many', 'кто\twho', 'участок | участки\tprecinct', 'центральная избирательная комиссия | цик\tCentral Election Commission', 'председатель\tchairman', 'открыть | открыли\topened', 'за рубежом\tabroad', 'токаев\tTokayev'].join('\n'),
    'ru',
    'ru-en.tsv',
  ),
  kk: parseLexicon(['кім\twho', 'қанша\thow many', 'төраға\tchairman', 'орталық сайлау комиссиясы\tCentral Election Commission', 'сайлау учаскесі\tprecinct'].join('\n'), 'kk', 'kk-en.tsv'),
};

/** A question reader with the shipped lexicons over a corpus that knows no word, bar the spelling fixes given (how a question is read, not searched). */
const shippedReader = (closestWord: (word: string) => string | null = () => null) => createQuestionReader({ vocabulary: { hasTerm: () => false, documentFrequency: () => 0, closestWord }, nativeLanguages: [], lexicons: defaultLexicons() });

describe('question language', () => {
  it('tells English, Russian and Kazakh apart by their letters and frequent Kazakh words', () => {
    expect(detectQuestionLanguage('When was the referendum held?')).toBe('en');
    expect(detectQuestionLanguage('Когда прошёл референдум?')).toBe('ru');
    expect(detectQuestionLanguage('Референдум қашан өтті?')).toBe('kk');
    expect(detectQuestionLanguage('Референдум болды ма?')).toBe('kk');
    expect(detectQuestionLanguage('2022?')).toBe('en');
  });
});

describe('Russian and Kazakh index terms', () => {
  it('stems Russian to a fixed point and drops function words', () => {
    expect(cyrillicTerm('Токаева'.toLowerCase(), 'ru')).toBe(cyrillicTerm('токаев', 'ru'));
    expect(cyrillicTerm('выборов', 'ru')).toBe(cyrillicTerm('выборы', 'ru'));
    expect(cyrillicTerm('и', 'ru')).toBeNull();
    expect(cyrillicTerm('және', 'kk')).toBeNull();
  });
});

describe('lexicon files', () => {
  it('names the file and line of every problem', () => {
    const bad = 'кто\twho\nнет таба\nдвойной\tone\tmore\nкто | кого\twho\n\tempty\n';
    let error: unknown;
    try {
      parseLexicon(bad, 'ru', 'ru-en.tsv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LexiconError);
    const message = (error as Error).message;
    expect(message).toContain('ru-en.tsv:2: expected "forms<TAB>English", found 0 tabs');
    expect(message).toContain('ru-en.tsv:3: expected "forms<TAB>English", found 2 tabs');
    expect(message).toContain('ru-en.tsv:4: "кто" is already on line 1');
    expect(message).toContain('ru-en.tsv:5: empty forms');
  });

  it('matches forms through their inflections, phrases before words', () => {
    expect(small.ru.match(['участков'], 0)).toEqual({ length: 1, english: 'precinct' });
    expect(small.ru.match(['центральной', 'избирательной', 'комиссии', 'казахстана'], 0)).toEqual({ length: 3, english: 'Central Election Commission' });
    expect(small.ru.match(['токаева'], 0)?.english).toBe('Tokayev');
    expect(small.kk.match(['орталық', 'сайлау', 'комиссиясының'], 0)?.length).toBe(3);
    expect(small.kk.match(['төрағасы'], 0)?.english).toBe('chairman');
    // Typed without Kazakh letters, as on a Russian keyboard: the same entries.
    expect(small.kk.match(['торагасы'], 0)?.english).toBe('chairman');
    expect(small.kk.match(['орталык', 'сайлау', 'комиссиясынын'], 0)?.length).toBe(3);
    expect(small.kk.match(['канша'], 0)?.english).toBe('how many');
    expect(small.ru.match(['погода'], 0)).toBeUndefined();
  });

  it('keeps the place asked about in "which city": where, and the city (a sentence naming cities answers)', async () => {
    const { translateQuestion } = await import('../../src/retrieval/query/translate.ts');
    const { defaultLexicons } = await import('../../src/retrieval/query/lexicon.ts');
    expect(translateQuestion('сауалнамаға қай қалалардан адамдар қатысыпты?', 'kk', defaultLexicons())).toMatch(/\bwhere city\b/);
    expect(translateQuestion('референдум қайда өтті?', 'kk', defaultLexicons())).not.toMatch(/\bcity\b/);
  });

  it('reads "X атауы" as the name of X, and asks "what is it called" only with a question word ("атауы қандай")', () => {
    const read = (q: string) => shippedReader()(q).readings[0]!.analysed.type;
    expect(read('Астана атауы қашан қайтарылды?')).toBe('when');
    expect(read('Платформаның атауы қандай?')).toBe('other');
    expect(shippedReader()('Конференция қандай атаумен өтті?').readings[0]!.text).toMatch(/\bwhat title\b/);
  });

  it('ship forms written in Cyrillic only (a Latin letter in a form can never match a question)', () => {
    for (const language of ['ru', 'kk'] as const) {
      const text = readFileSync(new URL(`../../src/retrieval/query/lexicon/${language}-en.tsv`, import.meta.url), 'utf8');
      const bad = text
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .flatMap((line) => line.split('\t')[0]!.split('|').map((f) => f.trim()))
        .filter((form) => !/^[\p{Script=Cyrillic}\d]+(?:[ -][\p{Script=Cyrillic}\d]+)*$/u.test(form));
      expect(bad, language).toEqual([]);
    }
  });

  it('ship a Russian and a Kazakh lexicon that parse and cover the domain, not a handful of questions', () => {
    const { ru, kk } = defaultLexicons();
    expect(ru.size).toBeGreaterThan(300);
    expect(kk.size).toBeGreaterThan(250);
    const en = (q: string, l: 'ru' | 'kk') => translateQuestion(q, l, defaultLexicons());
    expect(en('ЦИК', 'ru')).toContain('CEC');
    expect(en('ОБСЕ БДИПЧ', 'ru')).toMatch(/OSCE.*ODIHR/);
    expect(en('ЕҚЫҰ', 'kk')).toContain('OSCE');
    expect(en('Мажилис и Сенат', 'ru')).toMatch(/Mazhilis.*Senate/);
    expect(en('Конституционный суд', 'ru')).toMatch(/[Cc]onstitutional [Cc]ourt/);
    // A Russian function word is not read through the Kazakh lexicon: "он" is "he" here, not the Kazakh "ten".
    expect(en('какую должность он занимает', 'ru')).not.toMatch(/10|ten/);
    expect(en('он сегіз жастан', 'kk')).toMatch(/18/);
    // "наблюдение ведётся" is carried out; "вёл заседание" chaired.
    expect(en('наблюдение ведется на участках', 'ru')).toMatch(/carried out/);
    expect(en('кто вел заседание', 'ru')).toMatch(/chaired/);
    // Kazakh uses the loanword beside its own word, and a dropped doubled letter is still read.
    expect(en('ұйымдар ассоциациясының төрағасы', 'kk')).toMatch(/association/);
    expect(en('ұйымдар асоциациясының төрағасы', 'kk')).toMatch(/association/);
  });
});

describe('translateQuestion', () => {
  it('leaves English alone', () => {
    expect(translateQuestion('How many polling stations?', 'en', small)).toBe('How many polling stations?');
  });

  it('turns known words and phrases into English whatever their endings, keeping numbers and Latin words', () => {
    expect(translateQuestion('Сколько участков открыли за рубежом?', 'ru', small)).toBe('how many precinct opened abroad?');
    expect(translateQuestion('Кто председатель Центральной избирательной комиссии?', 'ru', small)).toBe('who chairman Central Election Commission?');
    expect(translateQuestion('Орталық сайлау комиссиясының төрағасы кім?', 'kk', small)).toBe('Central Election Commission chairman who?');
    expect(translateQuestion('Кто такой Tokayev в 2022 году?', 'ru', small)).toBe('who tokayev 2022 году?');
  });

  it('lets one function word stand inside a phrase', () => {
    const lexicons: Lexicons = { ru: parseLexicon('по представлению\trecommendation\nкто\twho', 'ru', 'ru-en.tsv'), kk: small.kk };
    expect(translateQuestion('По чьему представлению назначали?', 'ru', lexicons)).toBe('recommendation назначали?');
    expect(translateQuestion('По его представлению', 'ru', lexicons)).toBe('recommendation');
    expect(translateQuestion('По моему мнению представлению', 'ru', lexicons)).toBe('моему мнению представлению');
  });

  it('never lets a question word stand inside a phrase: "қызметін кім атқарды" asks who served', () => {
    const lexicons: Lexicons = { ru: parseLexicon('по представлению\trecommendation\nкто\twho', 'ru', 'ru-en.tsv'), kk: parseLexicon('қызмет атқарды\tserved\nкім\twho', 'kk', 'kk-en.tsv') };
    expect(translateQuestion('По кто представлению', 'ru', lexicons)).toBe('who представлению');
    expect(translateQuestion('Қызметін кім атқарды?', 'kk', lexicons)).toContain('who');
  });

  it('reads a word through the other language when its own lexicon lacks it', () => {
    expect(translateQuestion('Кім председатель?', 'kk', small)).toBe('who chairman?');
  });

  it('drops function words and keeps unknown content words, so off-topic questions stay off-topic', () => {
    expect(translateQuestion('Как испечь хлеб на закваске?', 'ru', small)).toBe('испечь хлеб закваске?');
  });
});

describe('translateQuestionParts', () => {
  it('covers the most words with the fewest entries, and says where each entry’s English went', () => {
    const lexicons: Lexicons = {
      ru: parseLexicon(['голосовать\tvote', 'голосовать за\tvote in favor', 'за границей\tabroad', 'министерство иностранных дел | мид\tMinistry of Foreign Affairs'].join('\n'), 'ru', 'ru-en.tsv'),
      kk: parseLexicon('', 'kk', 'kk-en.tsv'),
    };
    const { text, groups } = translateQuestionParts('Можно ли голосовать за границей через МИД?', 'ru', lexicons);
    expect(text).toBe('vote abroad Ministry of Foreign Affairs?');
    expect(groups.map((g) => text.slice(g.start, g.end))).toEqual(['vote', 'abroad', 'Ministry of Foreign Affairs']);
  });
});

describe('Kazakh typed without Kazakh letters', () => {
  it('is told from Russian by its question words', async () => {
    const { cyrillicLanguage } = await import('../../src/language.ts');
    expect(cyrillicLanguage('шетелде канша учаске ашылды?')).toBe('kk');
    expect(cyrillicLanguage('референдум кашан отти?')).toBe('kk');
    expect(cyrillicLanguage('Сколько участков открыли за рубежом?')).toBe('ru');
  });

  it('drops its function words typed so ("болган" is болған, "was"), as it drops them written with Kazakh letters', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('Васеленко кандай кызметте болган?', 'kk', lexicons)).toBe(translateQuestion('Васеленко қандай қызметте болған?', 'kk', lexicons));
    expect(translateQuestion('Васеленко кандай кызметте болган?', 'kk', lexicons)).not.toMatch(/\p{Script=Cyrillic}/u);
  });
});

describe('a Russian word that is another entry\'s stem', () => {
  it('is read as its own entry: "участков" (of polling stations) is not "участковый" (precinct commission)', () => {
    const lexicons = defaultLexicons();
    const stations = translateQuestion('сколько участков для голосования было?', 'ru', lexicons);
    expect(stations).toMatch(/polling station/);
    expect(stations).not.toMatch(/commission|vote/);
    expect(translateQuestion('Сколько участковых комиссий работало?', 'ru', lexicons)).toMatch(/precinct commission/);
  });

  it('reads "главный в X" (the one in charge of X) as its head, and chat\'s "конфа" as the conference', () => {
    const lexicons = defaultLexicons();
    const english = translateQuestion('а кто в 2023 был главным в ЦИКе? ну который на конфе выступал', 'ru', lexicons);
    expect(english).toMatch(/\bhead CEC\b/);
    expect(english).toMatch(/\bconference\b/);
    expect(translateQuestion('Какой главный итог референдума?', 'ru', lexicons)).not.toMatch(/\bhead\b/);
    // "короч" is "короче", a filler; "на площадке МИДа" is at the Foreign Ministry's platform, not "hosted".
    const justice = translateQuestion('короч а кто там от минюста рассказывал про поправки на площадке мида?', 'ru', lexicons);
    expect(justice).toMatch(/^\W*who Ministry of Justice\b/);
    expect(justice).toMatch(/\bplatform\b/);
    expect(justice).not.toMatch(/\bhosted\b/);
  });

  it('reads everyday verbs of calling and going ("звала всех", "прийти на референдум") as the sources\' urging and participating', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('омбудсмен звала всех на референдум?', 'ru', lexicons)).toMatch(/\burged\b/);
    expect(translateQuestion('Призывала ли омбудсмен всех прийти на референдум?', 'ru', lexicons)).toMatch(/\bparticipate referendum\b/);
  });
});

describe('Russian function words and chat fillers', () => {
  it('are not translated into words to look for', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('Какие организации направили своих наблюдателей?', 'ru', lexicons)).not.toMatch(/\p{Script=Cyrillic}/u);
    const casual = translateQuestion('слушай, а кто вообще назначает членов ЦИК?', 'ru', lexicons);
    expect(casual).toMatch(/\bwho\b.*\bCEC\b/);
    expect(casual).not.toMatch(/\b(?:listen|general|generally|at all)\b/);
    expect(translateQuestion('а сколько там было поправок, не помнишь?', 'ru', lexicons)).toMatch(/^\W*how many amendments\W*$/);
    // "Our life", "signed something": possessives and indefinite pronouns are no words to look for either.
    expect(translateQuestion('Чем будет определяться наша жизнь? Он что-то подписал.', 'ru', lexicons)).not.toMatch(/\p{Script=Cyrillic}/u);
  });
});

describe('Russian word forms the stemmer misreads, and hyphenated words', () => {
  it('find a noun in a case Snowball takes for a verb ("защите": защита), and read an unknown hyphenated word as its parts', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('о защите прав', 'ru', lexicons)).toMatch(/\bprotection\b/);
    expect(translateQuestion('на онлайн-встрече', 'ru', lexicons)).toMatch(/\bonline\b.*\bmeeting\b/);
    expect(translateQuestion('социально-экономические права', 'ru', lexicons)).toMatch(/\bsocial\b.*\beconomic\b/);
  });
});

describe('Kazakh typed in Latin letters', () => {
  it('is read as the same words in Cyrillic, plain letters where the Latin spelling does not tell', async () => {
    const { kazakhFromLatin } = await import('../../src/language.ts');
    expect(kazakhFromLatin('referendum qai kuni otti? 5 mausymda ma?')).toBe('референдум қай куни отти? 5 маусымда ма?');
    expect(kazakhFromLatin('Saylau qashan boldy?')).toBe('Сайлау қашан болды?');
    expect(kazakhFromLatin('Konstitutsiyalyq sot degenimiz ne?')).toBe('Конституциялық сот дегенимиз не?');
    expect(kazakhFromLatin('Timur Shaimergenov kim ozi?')).toBe('Тимур Шаймергенов ким ози?');
    // A y after the й a vowel made is a vowel again: "payyzy" is пайызы, not паййзы.
    expect(kazakhFromLatin('neshe payyzy qaiyrly boldy?')).toBe('неше пайызы қайырлы болды?');
    // Nor after a u that follows a vowel, a consonant there: "dauys" is дауыс.
    expect(kazakhFromLatin('dauys beru kuni ne boldy?')).toBe('дауыс беру куни не болды?');
    // The locative ending (-сында, -інде) is Kazakh, not English.
    expect(kazakhFromLatin('referendum neshe saylau uchaskesinde otti?')).toBe('референдум неше сайлау учаскесинде отти?');
    // "қысқасы" (in short) is a filler; ecologists are the Association of Ecological Organizations' people.
    expect(translateQuestion('қысқасы экологтар атынан кім сөйлеген?', 'kk', defaultLexicons())).toMatch(/^\W*ecological behalf who\b/);
    // Latin q is қ but g stays г: the word still ends as typed on a Russian keyboard, and is read so.
    expect(translateQuestion(kazakhFromLatin('Azimova adamdardy referendumga qatysuga shaqyrdy ma?')!, 'kk', defaultLexicons())).toMatch(/\bparticipate\b/);
    // The official alphabet's letters, and the 2017 one's apostrophes.
    expect(kazakhFromLatin('Referendumğa qatysqan adamdar sany qansha?')).toBe('Референдумға қатысқан адамдар саны қанша?');
    expect(kazakhFromLatin("Sa'lem, ombudsmen kim?")).toBe('Сәлем, омбудсмен ким?');
    // Without q or a question word: Kazakh endings (-лық) and the zh of phone Latin tell it.
    expect(kazakhFromLatin('Konstitutsiyalyk sotka azamattar tikelei zhugine ala ma?')).toBe('Конституциялык сотка азаматтар тикелей жугине ала ма?');
    // "According to X" as -ынша/-інше ("pikirinshe", "aituynsha").
    expect(kazakhFromLatin('Shaimergenov pikirinshe referendum kandai demokratiya printsipterine saikes keledi?')).toMatch(/^Шаймергенов пикиринше референдум кандай/);
  });

  it('is never English: an English function word, or no Kazakh question word or particle, keeps the text as it is', async () => {
    const { kazakhFromLatin } = await import('../../src/language.ts');
    for (const q of ['Who is the CEC chairman?', 'referendum date', 'Kim Jong Un', 'tell me about the referendum', 'me and the men at the bar', 'Qatar', 'Когда референдум?', 'Zhanaozen events', 'regular popular similar']) {
      expect(kazakhFromLatin(q), q).toBeUndefined();
    }
  });
});

describe('definition questions in Russian and Kazakh', () => {
  it('finds the subject of "что такое X", "кто такой X", "X деген не", "X дегеніміз кім", with or without Kazakh letters', () => {
    expect(definitionFrame('Что такое Сенат?')).toEqual({ ask: 'What', subject: 'Сенат' });
    expect(definitionFrame('что это такое «Диалоговая площадка»')).toEqual({ ask: 'What', subject: 'Диалоговая площадка' });
    expect(definitionFrame('Кто такой омбудсмен?')).toEqual({ ask: 'Who', subject: 'омбудсмен' });
    expect(definitionFrame('Сенат деген не?')).toEqual({ ask: 'What', subject: 'Сенат' });
    expect(definitionFrame('ҚСЗИ деген қандай ұйым?')).toEqual({ ask: 'What', subject: 'ҚСЗИ' });
    expect(definitionFrame('Омбудсмен дегеніміз кім?')).toEqual({ ask: 'Who', subject: 'Омбудсмен' });
    expect(definitionFrame('сенат дегенимиз не')).toEqual({ ask: 'What', subject: 'сенат' });
    expect(definitionFrame('Что сказал президент о Сенате?')).toBeNull();
    // A name, then "кім": who that person is (the rest of the question, "where does she work", is about the same).
    expect(definitionFrame('Алуа Жолдыбалина кім, қай жерде жұмыс істейді?')).toEqual({ ask: 'Who', subject: 'Алуа Жолдыбалина' });
    expect(definitionFrame('Баспаев кім?')).toEqual({ ask: 'Who', subject: 'Баспаев' });
    expect(definitionFrame('Тимур Шаймергенов кім өзі?')).toEqual({ ask: 'Who', subject: 'Тимур Шаймергенов' });
    expect(definitionFrame('Жиынды кім басқарды?')).toBeNull();
    expect(definitionFrame('Сенат не істейді?')).toBeNull();
    // A second question after the definition's is kept, to be read after it.
    expect(definitionFrame('Конституциялық сот дегеніміз не, ол қандай рөл атқарады?')).toEqual({ ask: 'What', subject: 'Конституциялық сот', then: 'ол қандай рөл атқарады?' });
    expect(definitionFrame('Что будет представлять собой Конституционный суд и какова его роль?')).toEqual({ ask: 'What', subject: 'Конституционный суд', then: 'какова его роль' });
    expect(definitionFrame('Что такое «Диалоговая площадка» и МИД?')).toEqual({ ask: 'What', subject: 'Диалоговая площадка и МИД' });
  });

  it('sets apart whose definition is asked for ("по мнению X", "X-тың пікірінше")', () => {
    expect(definitionFrame('Что такое справедливое государство по мнению Аубакировой?')).toEqual({ ask: 'What', subject: 'справедливое государство', according: 'Аубакировой' });
    expect(definitionFrame('Что такое, по словам Ахпанова, конституционная реформа?')).toEqual({ ask: 'What', subject: 'конституционная реформа', according: 'Ахпанова' });
    expect(definitionFrame('Ахпановтың пікірінше, конституциялық реформа дегеніміз не?')).toEqual({ ask: 'What', subject: 'конституциялық реформа', according: 'Ахпановтың' });
  });
});

describe('the general Russian dictionary', () => {
  it('reads everyday words the domain lexicon does not list, after the domain lexicon', () => {
    const lexicons = defaultLexicons();
    expect(lexicons.ruGeneral!.size).toBeGreaterThan(40_000);
    const english = translateQuestion('Какую роль играет эта система?', 'ru', lexicons);
    expect(english).toMatch(/\brole\b/);
    expect(english).toMatch(/\bplays?\b/);
    expect(english).toMatch(/\bsystem\b/);
    // The domain lexicon's rendering wins where both know the word.
    expect(translateQuestion('председатель', 'ru', lexicons)).toBe('chairman');
    expect(translateQuestion('председатель', 'ru', { ru: lexicons.ru, kk: lexicons.kk })).toBe('chairman');
    expect(translateQuestion('играет', 'ru', { ru: lexicons.ru, kk: lexicons.kk })).toBe('играет');
  });

  it('rejects a malformed line, naming the file and line', () => {
    expect(() => parseWordDictionary('# header\nроль\trole\n', 'dict.tsv')).toThrow(/dict\.tsv:2/);
  });
});

describe('Russian and Kazakh yes/no questions', () => {
  it('are told by a particle, or by a question mark with no question word', () => {
    expect(asksWhether('Были ли на референдуме наблюдатели от ШОС?')).toBe(true);
    expect(asksWhether('Заседание Диалоговой площадки 30 мая проходило очно?')).toBe(true);
    expect(asksWhether('Шетелде дауыс беруге бола ма?')).toBe(true);
    expect(asksWhether('Кто председательствовал на заседании?')).toBe(false);
    expect(asksWhether('Когда прошёл референдум?')).toBe(false);
    // Kazakh question words typed on a Russian keyboard ask for something too.
    expect(asksWhether('Абдрасулов кай университеттің профессоры?')).toBe(false);
    expect(asksWhether('Шетелде канша учаске ашылды?')).toBe(false);
    expect(asksWhether('Отырыс онлайн өтті ме, әлде бетпе-бет?')).toBe(true);
    expect(asksWhether('Референдум қашан өтті?')).toBe(false);
    expect(asksWhether('референдум 5 июня')).toBe(false);
  });
});

describe('the English reading of a translated question', () => {
  it('is the lexicons\' words as they are: no English spelling correction ("forum" stays forum, not "form")', async () => {
    const { analyseQuestion } = await import('../../src/retrieval/query/question.ts');
    const corpusWords = { hasTerm: (t: string) => t === 'form', documentFrequency: () => 1, closestWord: (w: string) => (w === 'forum' ? 'form' : null) };
    expect(analyseQuestion('who spoke at the forum', corpusWords, { translated: true }).units.map((u) => u.term)).toContain('forum');
    expect(analyseQuestion('who spoke at the forum', corpusWords).units.map((u) => u.term)).toContain('form');
  });
});

describe('a Russian or Kazakh question about money', () => {
  it('is read as one', async () => {
    const { MONEY_QUESTION } = await import('../../src/retrieval/query/question.ts');
    expect(MONEY_QUESTION.test('Сколько денег потратили на референдум?')).toBe(true);
    expect(MONEY_QUESTION.test('Референдумға қанша ақша жұмсалды?')).toBe(true);
    expect(MONEY_QUESTION.test('Сколько было участков?')).toBe(false);
  });
});

describe('lexicon phrases that stem alike', () => {
  it('read as the one spelled like the question: the minister is not the ministry', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('Сыртқы істер министрі кім?', 'kk', lexicons).toLowerCase()).toContain('minister of foreign affairs');
    expect(translateQuestion('Сыртқы істер министрлігі не істеді?', 'kk', lexicons)).toContain('Ministry of Foreign Affairs');
  });
});

describe('a phrase the lexicon lists whole', () => {
  it('is not split for a single word\'s entry: "проголосовать за границей" is voting abroad, not voting in favour of a border', () => {
    const english = translateQuestion('В скольких странах граждане могли проголосовать за границей?', 'ru', defaultLexicons());
    expect(english).toContain('abroad');
    expect(english).not.toContain('favor');
  });
});

describe('spoken Russian', () => {
  it('reads the chat spellings of everyday words as written properly, keeping capitals and other words', () => {
    expect(spokenRussian('Што она думает, скока щас участков?')).toBe('Что она думает, сколько сейчас участков?');
    expect(spokenRussian('а скок народу собиралось?')).toBe('а сколько народу собиралось?');
    expect(spokenRussian('Штормовое предупреждение')).toBe('Штормовое предупреждение');
  });
});

describe('spoken Russian', () => {
  it('reads a word with a chat particle ("призывала-то") as the word, but not "кто-то" (someone) as "кто" (who)', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('а к чему всех призывала-то?', 'ru', lexicons)).toContain('urged');
    // "кто-то" is a function word, like "someone": neither "who" nor a word to look for.
    const someone = translateQuestion('кто-то говорил?', 'ru', lexicons);
    expect(someone).not.toMatch(/\bwho\b/);
    expect(someone).not.toMatch(/\p{Script=Cyrillic}/u);
  });

  it('reads a month’s adjective as the month ("майская встреча")', () => {
    expect(translateQuestion('майская встреча', 'ru', defaultLexicons())).toBe('May meeting');
  });
});

describe('a lexicon entry rendered as a name and its expansion', () => {
  it('is found by the name, not by a common word of the expansion ("ҚСЗИ": KazISS, not every sentence saying "Kazakhstan")', async () => {
    const { createRetriever } = await import('../../src/retrieval/retriever.ts');
    const { FILLER, testDocument } = await import('../support/test-corpus.ts');
    const lexicons: Lexicons = {
      ru: parseLexicon(['кто\twho', 'руководит\theads', 'ксзи\tKazISS Kazakhstan Institute for Strategic Studies'].join('\n'), 'ru', 'ru-en.tsv'),
      kk: parseLexicon('', 'kk', 'kk-en.tsv'),
    };
    const body = `${FILLER}Kazakhstan held a vote. Kazakhstan is large. Kazakhstan has regions. Kazakhstan voted.\n\nThe experts of KazISS met in the capital of Kazakhstan on a sunny Tuesday in May to discuss the amendments.`;
    const retriever = createRetriever([testDocument('a', body)], { lexicons, judge: () => true });
    expect(retriever.search('Что такое КСЗИ?')[0]?.excerpt).toContain('KazISS');
  });
});

describe('"is it true that ..." in Russian and Kazakh', () => {
  it('is a yes/no question about what follows, its own words not looked for', () => {
    expect(withoutTruthFrame('Правда ли, что все НКО поддержали референдум?')).toBe('все НКО поддержали референдум?');
    expect(withoutTruthFrame('Это правда первый референдум за 27 лет?')).toBe('первый референдум за 27 лет?');
    expect(withoutTruthFrame('Рас па, референдум онлайн өтті?')).toBe('референдум онлайн өтті?');
    expect(withoutTruthFrame('Референдум онлайн өтті, рас па?')).toBe('Референдум онлайн өтті?');
    expect(withoutTruthFrame('Референдум был онлайн, правда?')).toBe('Референдум был онлайн?');
    expect(asksWhether(withoutTruthFrame('Правда ли, что все НКО поддержали референдум?'))).toBe(true);
    // Truth asked about, or the frame alone, is left as it is; a word starting like the frame is not the frame.
    expect(withoutTruthFrame('Что такое правда?')).toBe('Что такое правда?');
    expect(withoutTruthFrame('Это правда?')).toBe('Это правда?');
    expect(withoutTruthFrame('бақылаушылар шынымен жұмыс істеді ме?')).toBe('бақылаушылар шынымен жұмыс істеді ме?');
  });
});

describe('a lexicon entry rendered as an initialism the sources never use, then its expansion', () => {
  it('is read as the expansion, every word of it, when the sources use it as a phrase ("ШОС": SCO Shanghai Cooperation Organization)', async () => {
    const { createRetriever } = await import('../../src/retrieval/retriever.ts');
    const { FILLER, testDocument } = await import('../support/test-corpus.ts');
    const lexicons: Lexicons = {
      ru: parseLexicon(['наблюдатели\tobservers', 'шос\tSCO Shanghai Cooperation Organization'].join('\n'), 'ru', 'ru-en.tsv'),
      kk: parseLexicon('', 'kk', 'kk-en.tsv'),
    };
    // (The organization and cooperation of the vote, in lowercase: the expansion is a phrase, not a person's name.)
    const body = `${FILLER}The organization of the vote and cooperation were praised. Observers of the Organization of Islamic Cooperation came.\n\nObservers also came from the Shanghai Cooperation Organization and from several other bodies of the region.`;
    const retriever = createRetriever([testDocument('a', body)], { lexicons, judge: () => true });
    const answers = retriever.search('Были ли наблюдатели от ШОС?');
    expect(answers[0]?.excerpt).toContain('Shanghai');
    // Another organization of cooperation is not what was asked about: "Cooperation" alone does not stand for the SCO.
    expect(answers.map((a) => a.excerpt).join(' ')).not.toContain('Islamic');
  });
});

describe('a Russian or Kazakh question asking why', () => {
  it('asks why wherever its question word stands, but "неге" ("to what", as often as "why") does not make it so', () => {
    const read = shippedReader();
    const typeOf = (q: string) => read(q).readings[0]!.analysed.type;
    expect(typeOf('Айгүл Соловьеваның пікірінше, Мемлекет басшысы неліктен референдум өткізуге шешім қабылдады?')).toBe('why');
    expect(typeOf('По мнению Соловьевой, почему глава государства решил провести референдум?')).toBe('why');
    expect(typeOf('Шаймерғеновтің пікірінше, алдағы референдумның сәтті өтуі неге байланысты?')).not.toBe('why');
    // Typed without Kazakh letters, as on a Russian keyboard.
    expect(typeOf('Токаевтын айтуынша, ОСК-нын конференциясы не ушин манызды?')).toBe('why');
    expect(typeOf('Абдрасулов Конституциялык сотты неликтен манызды деп санайды?')).toBe('why');
  });
});

describe('a Russian question for whoever holds an office', () => {
  it('wants a name, also when asked who held the post ("Кто занимал пост министра ...?")', () => {
    const read = shippedReader();
    const wantsName = (q: string) => read(q).readings[0]!.analysed.wantsName;
    expect(wantsName('Кто занимал пост министра юстиции Казахстана?')).toBe(true);
    expect(wantsName('Кто сейчас председатель ЦИК?')).toBe(true);
    expect(wantsName('Кто назначал председателя ЦИК?')).toBe(false);
    // Kazakh too, typed with or without its letters.
    expect(wantsName('ОСК төрағасы кім?')).toBe(true);
    expect(wantsName('ОСК торагасы ким?')).toBe(true);
  });
});

describe('words of time and of "other"', () => {
  it('are not read as content: "қазір", "сейчас" (now) are no "current"; "басқа" (other) is not "басты" (main)', () => {
    const lexicons = defaultLexicons();
    expect(translateQuestion('ЦИК төрағасы кім қазір?', 'kk', lexicons)).not.toMatch(/current/);
    expect(translateQuestion('Кто сейчас председатель ЦИК?', 'ru', lexicons)).not.toMatch(/current/);
    expect(translateQuestion('басқа ұйымдар', 'kk', lexicons)).not.toMatch(/main|key/);
    expect(translateQuestion('басты мәселе', 'kk', lexicons)).toMatch(/main/);
  });
});

describe('a greeting or a polite request around a Russian or Kazakh question', () => {
  it('is not translated as part of it ("Добрый день!" is not "kindest days"; "Не подскажете, кто это был?" asks who)', () => {
    expect(withoutGreeting('Добрый день! Кто председатель ЦИК?')).toBe('Кто председатель ЦИК?');
    expect(withoutGreeting('Сәлеметсіз бе, ЦИК төрағасы кім?')).toBe('ЦИК төрағасы кім?');
    expect(withoutGreeting('Добрый день!')).toBe('Добрый день!');
    expect(withoutGreeting('Добровольцы на участках были?')).toBe('Добровольцы на участках были?');
    const read = shippedReader();
    const text = read('Добрый день! Профессор говорил о реформах. Не подскажете, кто это был?').readings[0]!.text;
    expect(text).not.toMatch(/kind|day|подскажете/i);
  });
});

describe('a Russian or Kazakh name no lexicon knows', () => {
  it('is read as a corpus name spelt alike in Latin letters, but not as one with other consonants', () => {
    const names: Record<string, string> = { sarsenova: 'sarsenov', sarsenov: 'sarsenov', yerlan: 'yerman', erlan: 'yerman' };
    const read = shippedReader((w) => names[w] ?? null);
    const searched = (q: string) => read(q).readings[0]!.analysed.searchText;
    // "Сарсенова" is the sources' Sarsenov with a case ending; "Ерлан" is nobody the sources name, not "Yerman".
    expect(searched('Что сказала Сарсенова?')).toContain('sarsenov');
    expect(searched('Что сказал Ерлан?')).not.toContain('yerman');
  });
});
