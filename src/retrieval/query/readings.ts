import { detectQuestionLanguage, lookupForms, type TextLanguage } from '../text/languages.ts';
import { transliterate } from '../text/transliterate.ts';
import { defaultLexicons, type Lexicons } from './lexicon.ts';
import { russianDictionary } from './russian-dictionary.ts';
import { createRussianSpeller, type Speller } from './russian-spelling.ts';
import { analyseQuestion, cleanQuestion, type AnalysedQuestion, type Vocabulary } from './question.ts';
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

export interface ReaderOptions {
  vocabulary: Vocabulary;
  /** Languages other than English that some documents are written in: questions in them are also read as written. */
  nativeLanguages: readonly TextLanguage[];
  /** The bilingual lexicons (default: the shipped ones, read at the first Russian or Kazakh question). */
  lexicons?: Lexicons;
  /**
   * Do these English words stand side by side in the sources ("Prosecutor General", "Constitutional Court")? A
   * lexicon rendering that does is a phrase, whose words are all looked for; otherwise its words are alternatives
   * ("chaired headed led"), any one of which renders the question's word.
   */
  isCorpusPhrase?: (english: string) => boolean;
}

/**
 * The ways a question is read: English as it is; a Russian or Kazakh question through the lexicon into English
 * (for the English documents) and, when there are documents in its language, also as written.
 */
export function createQuestionReader({ vocabulary, nativeLanguages, lexicons: given, isCorpusPhrase }: ReaderOptions): (question: string) => QuestionReadings {
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
      if (match) return match;
    }
    return undefined;
  }

  return (question) => {
    const cleaned = cleanQuestion(question);
    const language = detectQuestionLanguage(cleaned);
    if (language === 'en') return { language, readings: [{ analysed: analyseQuestion(cleaned, vocabulary), text: cleaned }] };
    lexicons ??= defaultLexicons();
    const correct = language === 'ru' ? (speller ??= createRussianSpeller({ lexicons, dictionary: russianDictionary })) : undefined;
    const frame = definitionFrame(cleaned);
    const parts = translateQuestionParts(frame?.subject ?? cleaned, language, lexicons, { resolve: (word) => corpusWordFor(word, language), ...(correct ? { correct } : {}) });
    const prefix = frame ? `${frame.ask} is ` : '';
    const translated = frame ? `${prefix}${parts.text}?` : parts.text;
    const groups = parts.groups
      .filter((g) => !isCorpusPhrase?.(parts.text.slice(g.start, g.end)))
      .map((g) => ({ start: g.start + prefix.length, end: g.end + prefix.length }));
    const english = { analysed: analyseQuestion(translated, vocabulary, { groups }), text: translated };
    if (!nativeLanguages.includes(language)) return { language, readings: [english] };
    return { language, readings: [english, { analysed: analyseQuestion(cleaned, vocabulary, { language, type: english.analysed.type }), text: cleaned }] };
  };
}

/**
 * "Что такое X?", "Кто такой X?", "X деген не?", "X дегеніміз кім?": a definition question, whose word order
 * word-by-word translation would lose ("X деген не" → "X what"); its subject is translated on its own.
 */
const RUSSIAN_DEFINITION = /^[\s\p{P}]*(что|кто)\s+(?:это\s+)?(?:такое|такой|такая|такие|это|представляет\s+собой|являет(?:ся|ся\s+собой))\s+(.+?)[\s?!.]*$/iu;
const KAZAKH_DEFINITION = /^[\s\p{P}]*(.+?)\s+(?:деген(?:іміз|имиз)?|дегеніміз|дегенимиз)\s+(не|кім|ким)[\s?!.]*(?:ма|ме)?[\s?!.]*$/iu;

export function definitionFrame(question: string): { ask: 'What' | 'Who'; subject: string } | null {
  const russian = RUSSIAN_DEFINITION.exec(question);
  if (russian) return { ask: russian[1]!.toLowerCase() === 'кто' ? 'Who' : 'What', subject: unquoted(russian[2]!) };
  const kazakh = KAZAKH_DEFINITION.exec(question);
  if (kazakh) return { ask: /^к/i.test(kazakh[2]!) ? 'Who' : 'What', subject: unquoted(kazakh[1]!) };
  return null;
}

const unquoted = (subject: string) => subject.replace(/[«»“”„"]/g, '').trim();
