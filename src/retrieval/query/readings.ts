import { kazakhFromLatin } from '../../language.ts';
import { knowsWord } from './wordnet.ts';
import { detectQuestionLanguage, lookupForms, type TextLanguage } from '../text/languages.ts';
import { transliterate } from '../text/transliterate.ts';
import { defaultLexicons, type Lexicons } from './lexicon.ts';
import { russianDictionary } from './russian-dictionary.ts';
import { createRussianSpeller, type Speller } from './russian-spelling.ts';
import { analyseQuestion, cleanQuestion, DAY_QUESTION, MONEY_QUESTION, OUTCOME_QUESTION, type AnalysedQuestion, type Vocabulary } from './question.ts';
import { translateQuestionParts } from './translate.ts';

/** Shorter Latin spellings match too many corpus words by accident. */
const MIN_TRANSLITERATED = 5;

export interface Reading {
  analysed: AnalysedQuestion;
  /** The text the reading's words come from (the question, or its English reading). */
  text: string;
}

export interface QuestionReadings {
  /** The language the question is written in. */
  language: TextLanguage;
  readings: Reading[];
}

export type PhraseKind = 'phrase' | 'name' | 'none';

export interface ReaderOptions {
  vocabulary: Vocabulary;
  /** Languages other than English that some documents are written in: questions in them are also read as written. */
  nativeLanguages: readonly TextLanguage[];
  /** The bilingual lexicons (default: the shipped ones, read at the first Russian or Kazakh question). */
  lexicons?: Lexicons;
  /**
   * What some English words are in the sources (see phraseKinds in retriever.ts). A lexicon rendering that is a
   * 'phrase' there ("Prosecutor General", "Constitutional Court") needs all its words; other renderings' words are
   * alternatives ("chaired headed led"), any one of which renders the question's word.
   */
  phraseKind?: (english: string) => PhraseKind;
}

/**
 * The ways a question is read: English as it is; a Russian or Kazakh question through the lexicon into English
 * (for the English documents) and, when there are documents in its language, also as written.
 */
export function createQuestionReader({ vocabulary, nativeLanguages, lexicons: given, phraseKind }: ReaderOptions): (question: string) => QuestionReadings {
  // Read at the first Russian or Kazakh question: an English-only workload never pays for them (~10 MB, ~60 ms).
  let lexicons = given;
  // Made at the first Russian question; it reads the dictionary at the first word it cannot find in the lexicons.
  let speller: Speller | undefined;

  /**
   * A corpus word for a Russian or Kazakh word the lexicons do not know: names and international words are often
   * the same word in Latin letters ("Сулеймена" → "suleimen", "парламент" → "parliament"). The word and then its
   * stems are transliterated and matched like a misspelling.
   */
  function corpusWordFor(word: string, language: 'ru' | 'kk'): string | undefined {
    for (const form of lookupForms(word, language)) {
      const latin = transliterate(form);
      if (latin.length < MIN_TRANSLITERATED) break;
      const match = vocabulary.closestWord(latin);
      // Transliterations differ in vowels ("Тоқаев": tokaev, Tokayev), not in consonants: "Ерлан" is no "Yerman".
      if (match && consonantsOf(match) === consonantsOf(latin)) return match;
    }
    return undefined;
  }

  /** Do the sources use the words as a name (or a phrase)? */
  function knownName(words: readonly string[]): boolean {
    const kind = phraseKind?.(words.join(' '));
    return kind !== undefined && kind !== 'none';
  }

  /** Only names the sources have, as a phrase: of others, no sentence names a part instead. */
  function knownInstitutions(analysed: AnalysedQuestion): AnalysedQuestion {
    if (!analysed.institutions) return analysed;
    // "the Constitutional Court of Kazakhstan": the sources' "Constitutional Court", and where it is.
    const known = analysed.institutions.map((words) => (knownName(words) ? words : longestKnownStart(words, knownName))).filter((words): words is string[] => words !== undefined);
    if (known.length === analysed.institutions.length && known.every((words, i) => words === analysed.institutions![i])) return analysed;
    const { institutions: _, ...rest } = analysed;
    return known.length > 0 ? { ...rest, institutions: known } : rest;
  }

  /**
   * Is a rendering a phrase of the sources, its words then read one by one ("Constitutional Court")? So is an
   * initialism followed by its expansion when the sources use the expansion and not the initialism ("SCO Shanghai
   * Cooperation Organization").
   */
  function namesPhrase(rendering: string): boolean {
    if (phraseKind?.(rendering) === 'phrase') return true;
    // A compound the dictionary knows ("death penalty") needs all its words too; a list of synonyms ("chaired headed led") does not.
    if (rendering.includes(' ') && knowsWord(rendering)) return true;
    const initialism = INITIALISM_FIRST.exec(rendering);
    // An initialism the sources use ("KazISS") names the thing alone; the expansion's words are its alternatives.
    return initialism !== null && !vocabulary.hasTerm(initialism[1]!.toLowerCase()) && phraseKind?.(initialism[2]!) === 'phrase';
  }

  return (question) => {
    const written = cleanQuestion(question);
    // Kazakh typed in Latin letters is read as the same words in Cyrillic.
    const plain = (detectQuestionLanguage(written) === 'en' ? kazakhFromLatin(written) : undefined) ?? written;
    const language = detectQuestionLanguage(plain);
    if (language === 'en') return { language, readings: [{ analysed: knownInstitutions(analyseQuestion(plain, vocabulary)), text: plain }] };
    const cleaned = withoutTruthFrame(withoutGreeting(language === 'ru' ? spokenRussian(plain) : plain));
    const lexicon = (lexicons ??= defaultLexicons());
    const correct = language === 'ru' ? (speller ??= createRussianSpeller({ lexicons: lexicon, dictionary: russianDictionary })) : undefined;
    const frame = definitionFrame(cleaned);
    const translate = (text: string) => translateQuestionParts(text, language, lexicon, { resolve: (word) => corpusWordFor(word, language), ...(correct ? { correct } : {}) });
    // A definition question reads "What is <subject>?", and "... according to <person>?" when it names whose.
    const pieces: Array<string | ReturnType<typeof translate>> = frame ? [`${frame.ask} is `, translate(frame.subject)] : [translate(cleaned)];
    if (frame?.according) pieces.push(' according to ', translate(frame.according));
    if (frame) pieces.push('?');
    if (frame?.then) pieces.push(' ', translate(frame.then));
    let translated = '';
    const groups: Array<{ start: number; end: number }> = [];
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        translated += piece;
        continue;
      }
      for (const g of piece.groups) if (!namesPhrase(piece.text.slice(g.start, g.end))) groups.push({ start: g.start + translated.length, end: g.end + translated.length });
      translated += piece.text;
    }
    // A yes/no question has no question word to translate: its particle ("ли", "ма/ме") says so.
    const asksClock = CLOCK_QUESTION.test(cleaned);
    const wantsName = OFFICE_HOLDER_RU.test(cleaned) || OFFICE_HOLDER_KK.test(cleaned);
    const english = { analysed: analyseQuestion(translated, vocabulary, { groups, translated: true, asksWhether: asksWhether(cleaned), asksWhy: WHY_QUESTION.test(cleaned), asksClock, asksMoney: MONEY_QUESTION.test(cleaned), asksDay: DAY_QUESTION.test(cleaned), asksOutcome: OUTCOME_QUESTION.test(cleaned), asksNow: NOW_QUESTION_RU_KK.test(cleaned), wantsName }), text: translated };
    if (!nativeLanguages.includes(language)) return { language, readings: [english] };
    return { language, readings: [english, { analysed: analyseQuestion(cleaned, vocabulary, { language, type: english.analysed.type, asksClock, asksMoney: english.analysed.asksMoney, asksDay: english.analysed.asksDay, asksOutcome: english.analysed.asksOutcome, asksNow: english.analysed.asksNow }), text: cleaned }] };
  };
}

/** The longest start of a name, of two words or more, that the sources use ("constitutional court" of "constitutional court kazakhstan"). */
function longestKnownStart(words: readonly string[], isKnown: (words: readonly string[]) => boolean): string[] | undefined {
  for (let n = words.length - 1; n >= 2; n--) if (isKnown(words.slice(0, n))) return words.slice(0, n);
  return undefined;
}

/** "SCO Shanghai Cooperation Organization": an initialism (two capitals or more), then what it stands for. */
const INITIALISM_FIRST = /^(\p{Lu}\p{L}*\p{Lu}\p{L}*)\s+(\p{Lu}.*)$/u;

/**
 * "Почему ...?", "Зачем ...?", "... неліктен ...?", "не себепті", "не үшін" (also typed without Kazakh letters: "не ушин",
 * "неликтен"): why, wherever the question word stands (Kazakh puts it
 * before the verb). Not "неге", which is as often "to what" ("неге байланысты": on what it depends).
 */
const WHY_QUESTION = /(?<![\p{L}])(?:почему|зачем|отчего|нел[іiи]ктен|не\s+себепт[іiи]|не\s+себептен|не\s+[үу]ш[іiи]н)(?![\p{L}])/iu;

/** "сейчас", "теперь", "в настоящее время", "действующей Конституции", "қазір", "қазіргі", "қолданыстағы": how things are today. */
const NOW_QUESTION_RU_KK = /(?<![\p{L}])(?:сейчас|теперь|ныне|нынешн\p{L}*|в\s+настоящее\s+время|на\s+данный\s+момент|действующ\p{L}*|сегодня|қаз[іи]р\p{L}*|каз[іи]р\p{L}*|қолданыстағы|бүг[іи]н\p{L}*)(?![\p{L}])/iu;

/** "Во сколько ...?", "В котором часу ...?", "Сағат нешеде ...?": a time of day is asked for. */
const CLOCK_QUESTION = /(?<![\p{L}])(?:во\s+сколько|в\s+котором\s+часу|в\s+какое\s+время\s+суток|са[ғг]ат\s+(?:нешеде|[қк]аншада|неш[іи]де|неше)|нешеде)(?![\p{L}])/iu;

/**
 * "Кто (сейчас) генеральный прокурор?", "Как зовут председателя ...?", "Сенат төрағасы кім?": who holds an office
 * (an adjective may stand before it; a verb, as in "Кто назначал председателя?", makes another question, and so
 * does the office's institution: "министрлігінен кім" is who from the ministry).
 */
const OFFICES_RU = '(?:министр(?!ств)|председател|глав|руководител|директор|президент|секретар|прокурор|посол|уполномоченн|омбудсмен|спикер|аким|ректор|декан|заместител)';
const OFFICE_HOLDER_RU = new RegExp(`^[\\s\\p{P}]*(?:кто|как\\s+зовут)\\s+(?:(?:сейчас|теперь|тогда|был|была|является|являлся|являлась|стал|стала|занимал|занимала|занимает|пост|посту|должность|должности|на)\\s+)*(?:\\p{L}+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ым|им|ом|ем)\\s+)?${OFFICES_RU}`, 'iu');
const OFFICE_HOLDER_KK = /(?:министр|т[өо]ра[ғг]а|басшы|директор|президент|хатшы|прокурор|елш[іи]|у[әа]к[іи]л|омбудсмен|спикер|[әа]к[іи]м|ректор|декан|орынбасар)(?:ы|[іи]|сы|с[іи]|н[ыі]ң|н[ыи]н|д[ыі]ң|д[ыи]н|т[ыі]ң|т[ыи]н)?\s+(?:(?:ес[іи]м[іи]|аты|аты-ж[өо]н[іи]|[қк]ызмет[іи]н|лауазым[ыі]н)\s+)?(?:к[іи]м)(?![\p{L}])/iu;

/** "Были ли ...?", "Правда ли ...?", "... өтті ме?", "... бар ма?": the particles of a Russian or Kazakh yes/no question. */
const YES_NO_PARTICLE = /(?<![\p{L}])(?:ли|ма|ме|ба|бе|па|пе)(?![\p{L}])/iu;
/** Russian and Kazakh question words (and "или", a choice between two): a question with none of them asks whether. */
const QUESTION_WORD = /(?<![\p{L}])(?:кто|кого|кому|кем|ком|что|чего|чему|чем|как\p{L}*|когда|где|куда|откуда|почему|зачем|отчего|сколько|чей|чья|чье|чьё|чьи|чьих|чьим|каков\p{L}*|кім\p{L}*|ким\p{L}*|не|нені|неге|неше|нешінші|нешинши|қанша|қандай|қай|қайсы|қашан|қайда|қалай|канша|кандай|кай|кайсы|кашан|кайда|калай|неліктен|неликтен|или|әлде|алде)(?![\p{L}])/iu;

/** "Заседание проходило очно?": a question mark and no question word is a yes/no question, in Russian as in Kazakh (its question words typed without Kazakh letters too: "кай", "канша"). */
export function asksWhether(question: string): boolean {
  return YES_NO_PARTICLE.test(question) || (/\?\s*$/.test(question) && !QUESTION_WORD.test(question));
}

/**
 * "Что такое X?", "Кто такой X?", "X деген не?", "X дегеніміз кім?", "X деген қандай ұйым?": a definition question, whose word order
 * word-by-word translation would lose ("X деген не" → "X what"); its subject is translated on its own.
 */
const RUSSIAN_DEFINITION = /^[\s\p{P}]*(что|кто)\s+(?:это\s+)?(?:такое|такой|такая|такие|это|(?:будет\s+)?представля(?:ет|ть)\s+собой|являет(?:ся|ся\s+собой))[\s,]+(.+?)(?:,?\s+и\s+((?:как|какова|каков|какую|какие|зачем|почему|что|кто|чем)\s.*?))?[\s?!.]*$/iu;
const KAZAKH_DEFINITION = /^[\s\p{P}]*(.+?)\s+(?:деген(?:іміз|имиз)?|дегеніміз|дегенимиз)\s+(не|кім|ким|(?:қандай|кандай)\s+\p{L}+)(?:[\s?!.]*(?:ма|ме)?[\s?!.]*$|\s*,\s*(\p{L}.*)$)/iu;

export function definitionFrame(question: string): { ask: 'What' | 'Who'; subject: string; according?: string; then?: string } | null {
  const russian = RUSSIAN_DEFINITION.exec(question);
  if (russian) return { ...attributed(russian[1]!.toLowerCase() === 'кто' ? 'Who' : 'What', unquoted(russian[2]!)), ...(russian[3] ? { then: russian[3] } : {}) };
  const kazakh = KAZAKH_DEFINITION.exec(question);
  // "Конституциялық сот дегеніміз не, ол қандай рөл атқарады?": a second question may follow the definition's.
  if (kazakh) return { ...attributed(/^к[іи]м$/i.test(kazakh[2]!) ? 'Who' : 'What', unquoted(kazakh[1]!)), ...(kazakh[3] ? { then: kazakh[3] } : {}) };
  const named = KAZAKH_WHO_IS.exec(question);
  if (named) return { ask: 'Who', subject: named[1]! };
  return null;
}

/** "Алуа Жолдыбалина кім?", "Ернар Баспаев кім, қай жерде істейді?": a person's name, then "who": who that person is. */
const KAZAKH_WHO_IS = /^[\s\p{P}]*((?:\p{Lu}[\p{Ll}-]+\s+){0,2}\p{Lu}[\p{Ll}-]+)\s+(?:кім|ким)(?:\s+(?:өзі|ози|озі))?(?=\s*[?!.,]|\s*$)/u;

/** "по мнению Аубакировой", "по словам политолога", "Ахпановтың пікірінше": whose definition is asked for. */
const RUSSIAN_ATTRIBUTION = /[\s,]*(?:по\s+(?:мнению|словам|версии)|согласно|как\s+(?:считает|говорит|пишет))\s+([\p{L}-]+(?:\s+[\p{L}-]+)?)[\s,]*/iu;
const KAZAKH_ATTRIBUTION = /[\s,]*([\p{L}-]+?(?:тың|тің|дың|дің|ның|нің|тын|тин|дын|дин|нын|нин))\s+(?:пікірінше|пикиринше|айтуынша|сөзінше|созинше|ойынша|пайымдауынша|көзқарасынша)[\s,]*/iu;

function attributed(ask: 'What' | 'Who', subject: string): { ask: 'What' | 'Who'; subject: string; according?: string } {
  const m = RUSSIAN_ATTRIBUTION.exec(subject) ?? KAZAKH_ATTRIBUTION.exec(subject);
  if (!m) return { ask, subject };
  const rest = (subject.slice(0, m.index) + ' ' + subject.slice(m.index + m[0].length)).trim();
  return rest ? { ask, subject: rest, according: m[1]! } : { ask, subject };
}

const unquoted = (subject: string) => subject.replace(/[«»“”„"]/g, '').trim();

/** How chat spells everyday Russian words as they are said ("што", "щас", "скока"): read as written properly. */
const SPOKEN_RUSSIAN = new Map([
  ['што', 'что'], ['шо', 'что'], ['чё', 'что'], ['чо', 'что'], ['че', 'что'], ['щас', 'сейчас'], ['счас', 'сейчас'], ['ваще', 'вообще'],
  ['скока', 'сколько'], ['скоко', 'сколько'], ['скок', 'сколько'], ['када', 'когда'], ['кагда', 'когда'], ['тока', 'только'], ['ниче', 'ничего'], ['ничё', 'ничего'], ['канеш', 'конечно'],
]);
const SPOKEN_WORD = new RegExp(`(?<![\\p{L}])(?:${[...SPOKEN_RUSSIAN.keys()].join('|')})(?![\\p{L}])`, 'giu');

/**
 * "Правда ли, что X?", "Это правда, что X?", "Рас па, X?": asks whether X, in words that are not X's. Without them the
 * question still asks whether (a question mark and no question word), and "true", "truth" are not looked for.
 */
const TRUTH_FRAME_START = /^[\s\p{P}]*(?:а\s+)?(?:это\s+)?(?:правда|верно|действительно|правильно|рас|шын)(?![\p{L}])(?:\s+(?:ли|ма|ме|ба|бе|па|пе)(?![\p{L}]))?\s*,?\s*(?:(?:что|будто|чтобы)\s+)?(?=\p{L})/iu;
/** "X, правда?", "X, верно?", "X рас па?": a tag after the question (after a comma in Russian; "правда" alone may be asked about). */
const TRUTH_FRAME_END = /(?:\s*,\s*(?:это\s+)?(?:правда|верно)|\s*,?\s*(?<![\p{L}])(?:рас|шын)\s+(?:ма|ме|ба|бе|па|пе))(?:\s+(?:ли|ма|ме|ба|бе|па|пе))?(?=[\s?!.]*$)/iu;

/** "Добрый день!", "Сәлеметсіз бе!": a greeting before the question, not part of it ("kindest days" in translation). */
const GREETING = /^[\s\p{P}]*(?:добр(?:ый|ое|ого)\s+(?:день|вечер|утро|дня|вечера|утра)|здравствуйте|здравствуй|привет|приветствую|сәлеметсіз\s+бе|сәлеметсіздер\s+ме|сәлем|қайырлы\s+(?:күн|таң|кеш))(?![\p{L}])[\s\p{P}]*/iu;

export function withoutGreeting(question: string): string {
  const rest = question.replace(GREETING, '');
  return /\p{L}/u.test(rest) ? rest : question;
}

export function withoutTruthFrame(question: string): string {
  const rest = question.replace(TRUTH_FRAME_START, '').replace(TRUTH_FRAME_END, '');
  if (rest === question || !/\p{L}/u.test(rest)) return question;
  return /\?\s*$/.test(rest) ? rest : `${rest.replace(/[\s.!]+$/, '')}?`;
}

export function spokenRussian(text: string): string {
  return text.replace(SPOKEN_WORD, (word) => {
    const written = SPOKEN_RUSSIAN.get(word.toLowerCase())!;
    return word[0] === word[0]!.toLowerCase() ? written : written[0]!.toUpperCase() + written.slice(1);
  });
}

/** A Latin word's consonants, letters that transliterate one Cyrillic letter alike made one ("q", "c": k). */
function consonantsOf(word: string): string {
  return word.toLowerCase().replace(/[aeiouyjhw'’-]/g, '').replace(/[qc]/g, 'k').replace(/(.)\1+/g, '$1');
}
