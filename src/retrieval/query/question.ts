import { hasCyrillic } from '../../language.ts';
import type { TextLanguage } from '../text/languages.ts';
import { CONCEPT_PREFIX, NUMBER_NAMES, terms as termsOf, termsOfWords, words, type Word } from '../text/tokenizer.ts';
import { embeddingNeighbours } from './neighbours.ts';
import { canBe, dictionaryCorrection, everydayUse, knowsWord, relatedWords } from './wordnet.ts';
import { editDistance } from './edit-distance.ts';
import { misspeltStopWord } from './misspelt-stop-word.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** What kind of answer a question wants; the ranker prefers sentences that contain one. */
export type AnswerType = 'when' | 'how_many' | 'percent' | 'who' | 'role' | 'how_long' | 'where' | 'define' | 'why' | 'yesno' | 'organisation' | 'other';

/** One content word of the question and the terms that match it (the word itself, then its synonym concepts). */
export interface QueryUnit {
  surface: string;
  term: string;
  /** Other terms that count as this word itself: the English words a lexicon gave for one Russian or Kazakh word. */
  alternatives: string[];
  concepts: string[];
  /** Corpus terms WordNet relates to the word: the same meaning or a derived form (observer → observation). */
  related: string[];
  /** Corpus terms of broader or narrower meaning (poll → survey). */
  broader: string[];
  /** For a word the corpus lacks or rarely uses: corpus terms of words close to it by word vectors (tone → mood), with their cosine. */
  similar: Array<{ term: string; similarity: number }>;
  /** How everyday the word is in English at large (WordNet's tagged-sense count; 0 for rare and domain words). */
  everyday: number;
  position: number;
  /** The word was not in the corpus and was replaced by a close corpus word ("poling" → "polling"). */
  corrected: boolean;
  /** The thing asked about: the words right after "which"/"what"/"who is the" ("Which UN convention ..."). */
  focus: boolean;
  /** A phrasal verb the word opens ("kicked_off", "took_part"): WordNet's relations of it, when it has any, stand for the word's. */
  phrasal?: string;
  /** In the second part of a two-part question ("Who chaired it, and was it online?"): the first part is answered first. */
  secondary?: boolean;
  /** An English word modifying the noun after it ("close relatives"): read in its senses as an adjective. */
  modifier?: boolean;
  /** A name: capitalised where no sentence starts, and no dictionary word ("Nazarbayev", "Karaganda"). */
  name?: boolean;
}

export interface AnalysedQuestion {
  type: AnswerType;
  units: QueryUnit[];
  /** For "how many X": the terms of X, which a number in the answer should count. */
  countedTerms: Set<string>;
  /**
   * "How many observers did the CSTO send?": only a number counting X answers ("six international organizations"
   * does not). In a translation too, unless a word of X is one no lexicon read.
   */
  countsAskedThing: boolean;
  /** A few words with no question around them ("observers", "CEC chairman"): a search rather than a question. */
  keywords: boolean;
  /** For "What is X?" and "Who is <name>?": X as a pattern, found where a sentence says what X is. */
  defines?: DefinitionPattern;
  /** "Who is the ...?", "Who heads ...?": a person's name answers, a sentence naming only an office does not. */
  wantsName: boolean;
  /** "What role will the Constitutional Court play?": the role of an institution or a thing (its head noun, "court"), not a person's job. */
  roleOf?: string;
  /** "What kind of democracy ...?": the thing (lowercase), of which the answer names a kind ("direct democracy"). */
  kindOf?: string;
  /** The question with misspellings corrected and question words removed, for the first-stage index. */
  searchText: string;
  /** How the question's words were tokenized: English, or a Russian or Kazakh reading for documents in that language. */
  language: TextLanguage;
  /** The question's words as written and as spelling-corrected (lowercase): names it mentions are not its answer. */
  surfaces: ReadonlySet<string>;
  /** A Russian or Kazakh question read as its lexicons' English, whose words render the original's loosely. */
  translated: boolean;
  /** "Which issues do the amendments cover?": several things asked for, answered by an enumeration, long by nature. */
  asksList: boolean;
  /** It asks what someone said or thinks ("What did X say about Y?", "according to X"): X may be named only around the answer. */
  reportsSpeech: boolean;
  /** "What time ...?", "Во сколько ...?": a time of day is asked for, not a date. */
  asksClock: boolean;
  /** "How much did it cost?", "Сколько денег потратили?": an amount of money is asked for, not any number. */
  asksMoney: boolean;
  /** "On what date ...?", "Какого числа ...?", "қай күні ...?": a day of a month is asked for, not a month or a year. */
  asksDay: boolean;
  /** "What was the turnout?", "Какая была явка?", "неше адам дауыс берді?": the vote's outcome, which only a result answers. */
  asksOutcome: boolean;
  /** "How are CEC members appointed now?", "под действующей Конституцией", "қазір", or an English question asking nothing of the past: how things are today. */
  asksNow: boolean;
  /**
   * "Did the reform limit the president to a single seven-year term?": the length a yes/no question claims, as
   * its number (7); a sentence without that number does not settle it.
   */
  claimedLength?: number;
  /** "Was the session held online?", "Проходило очно?": how an event was held; a sentence naming a format settles it. */
  asksFormat?: boolean;
  /** "What new power does the reform give the Ombudsman?": what someone will be able to do answers. */
  asksAbility?: boolean;
  /**
   * "Did all NGOs support the referendum?", "Did any NGOs object?": the noun a yes/no question quantifies over
   * (lowercase, as written); a sentence saying what some or most of them did settles it.
   */
  quantified?: string;
  /** "How long is the president's term?": whose term (a word stem, "presid"); the length must be said of them. */
  termOwner?: string;
  /** The institution whose office a "who is the <office> of X?" question names, as its words ("constitutional", "court"). */
  officeOf?: string[];
  /**
   * Institutions the question names by a capitalised name of everyday words ("the Constitutional Court", "the
   * Central Election Commission"), each as its lowercase words: a sentence naming part of one names something else.
   */
  institutions?: string[][];
  /** "What was the official voter turnout in ...?": the noun asked for ("turnout"), lowercase, if the question has that shape. */
  asksFor?: string;
}

export interface AnalyseOptions {
  /** Tokenize as this language (default English). */
  language?: TextLanguage;
  /** The answer type, when it was read from another rendering of the question (its English translation). */
  type?: AnswerType;
  /** Character ranges of the question that render one word of the original question (see translate.ts): their words are alternatives of one unit. */
  groups?: ReadonlyArray<{ start: number; end: number }>;
  /** Look up related words in WordNet (English readings; default true). */
  expand?: boolean;
  /** The question is a translation (its definition subject may hold several renderings of one word). */
  translated?: boolean;
  /** The original (untranslated) question asks whether: read as yes/no when no other kind is found. */
  asksWhether?: boolean;
  /** A translated question whose original asks why in words that mean nothing else ("неліктен", "почему"). */
  asksWhy?: boolean;
  /** The original question asks for a time of day ("Во сколько ...?"). */
  asksClock?: boolean;
  asksMoney?: boolean;
  asksDay?: boolean;
  asksOutcome?: boolean;
  asksNow?: boolean;
  /** The original question asks who holds an office ("Кто генеральный прокурор?"): a person's name answers. */
  wantsName?: boolean;
}

/** Where a second question starts: "Who chaired the meeting, and was it held online?", "... and who moderated it?". */
const SECOND_QUESTION = /,\s*and\s+(?:what|who|whom|which|when|where|why|how|was|were|is|are|did|does|do|has|have|can|could|will|would|for|with|under|in)\b|\s+and\s+(?:what|who|whom|which|when|where|why|how)\b|\?\s+(?=\p{L})/iu;

/** "What time did ...?", "at what hour": a time of day. */
const CLOCK_QUESTION = /\bwhat\s+time\b|\b(?:what|which)\s+hour\b/i;

/** A question for a day of the month, in English, Russian or Kazakh ("on what date", "какого числа", "қай күні"). */
export const DAY_QUESTION = /(?<![\p{L}])(?:(?:what|which)\s+(?:exact\s+)?(?:date|day)|exact\s+date|какого\s+числа|в\s+какой\s+день|какая\s+дата|в\s+какую\s+дату|точн\p{L}*\s+дат\p{L}*|қай\s+күні|нешесінде|нақты\s+күн\p{L}*|нақты\s+қай\s+күн\p{L}*)(?![\p{L}])/iu;

/** A question about money, in English, Russian or Kazakh ("how much did it cost", "сколько денег", "қанша ақша"). */
export const MONEY_QUESTION = /(?<![\p{L}])(?:how\s+much\s+money|costs?|costing|budget|spent|spending|price|expenditures?|funding|сколько\s+денег|денег|деньги|стоимост\p{L}*|стоил\p{L}*|стоит\s+ли\s+денег|бюджет\p{L}*|затрат\p{L}*|потрачен\p{L}*|потратил\p{L}*|ақша\p{L}*|құны|шығын\p{L}*|жұмсал\p{L}*)(?![\p{L}])/iu;

/**
 * A question about how the vote came out: turnout, the official or final results, how many voted (for, against),
 * who won, an observers' final report. Words of the question, not of its topic: "the outcome of the upcoming vote
 * hinges on" and "the survey's results" ask something else.
 */
export const OUTCOME_QUESTION = new RegExp(
  '(?<![\\p{L}])(?:' +
    [
      // English
      'turnout|(?:referendum|vote|voting|ballot|plebiscite|election)\\s+results?|(?:percentage|share|per\\s*cent|proportion)\\s+of\\s+(?:the\\s+)?(?:votes?|ballots?)\\b|how\\s+many\\s+votes|votes?\\s+did\\s+(?:\\p{L}+\\s+){1,3}(?:get|receive|win)|(?:final|official|preliminary|overall)\\s+results?|results?\\s+of\\s+(?:the\\s+)?(?:\\p{L}+\\s+)?(?:referendum|vote|voting|ballot|plebiscite)',
      'voted\\s+(?:yes|no|for|against|in\\s+favou?r)|(?:said|answered)\\s+(?:yes|no)|votes?\\s+(?:were\\s+|was\\s+)?(?:cast|counted)|ballots?\\s+(?:were\\s+)?(?:cast|counted)|cast\\s+(?:their\\s+|a\\s+)?(?:ballots?|votes?)\\s+(?:for|against|in\\s+favou?r)',
      'how\\s+did\\s+(?:\\p{L}+\\s+){1,4}vote|won\\s+the|final\\s+report|turned\\s+out\\s+(?:to\\s+vote|for|at|in)|(?:took\\s+part|participated)\\s+in\\s+the\\s+(?:\\p{L}+\\s+)?(?:referendum|vote|voting)|voters\\s+(?:\\p{L}+\\s+){0,3}?(?:supported|backed|rejected|opposed)|how\\s+many\\s+(?:(?!(?:could|can|may|might|would|will)\\s)\\p{L}+\\s+){0,2}?(?:people|citizens|voters|kazakhstanis|residents|expats)\\s+(?:(?!(?:could|can|may|might|would|will)\\s)\\p{L}+\\s+){0,2}?cast\\s+(?:their\\s+)?(?:ballots?|votes?)',
      // What observers concluded: the observation's outcome.
      "(?:observers?|monitors?|mission)(?:['’]s?)?\\s+(?:conclu(?:de|ded|sion|sions)|assessment|verdict|final\\s+statement)|(?:conclude|concluded|conclusions?|assessment|verdict)\\s+(?:\\p{L}+\\s+){0,4}?(?:about|of|on)\\s+(?:how\\s+)?(?:the\\s+)?(?:referendum|vote|voting|ballot)",
      // Russian
      'вывод\\p{L}*\\s+(?:[\\p{L}/]+\\s+){0,6}?сделал\\p{L}*|вывод\\p{L}*\\s+(?:\\p{L}+\\s+){0,4}?об?\\s+(?:референдум|голосовани)\\p{L}*|(?:наблюдател|миссия|миссии)\\p{L}*\\s+(?:\\p{L}+\\s+){0,3}?(?:оценил\\p{L}*|заключил\\p{L}*)',
      'явк\\p{L}*|итог\\p{L}*\\s+(?:референдум|голосован|ЦИК)\\p{L}*|(?:официальн|предварительн|окончательн)\\p{L}*\\s+итог\\p{L}*|итогов\\p{L}*\\s+(?:отч[её]т|явк|доклад)\\p{L}*',
      'проголосовавш\\p{L}*|избирател\\p{L}*\\s+(?:\\p{L}+\\s+){0,3}?(?:поддержал\\p{L}*|отверг\\p{L}*)|(?:проголосовал\\p{L}*|голос(?:ов|а|ами)?)\\s+«?(?:за(?!\\s+(?:рубеж|границ))|против)|отдан\\p{L}*\\s+голос\\p{L}*|сколько\\s+(?:\\p{L}+\\s+){0,2}проголосовал\\p{L}*|принял[иоа]?\\s+участие\\s+в\\s+(?:голосовании|референдуме)|пришл\\p{L}*\\s+на\\s+(?:участк|референдум|голосовани)\\p{L}*',
      // Kazakh
      'референдум\\p{L}*\\s+(?:\\p{L}+\\s+){0,3}?(?:баға\\s+берд\\p{L}*|бағалады)|әділ\\s+өтті|референдум\\p{L}*\\s+(?:\\p{L}+\\s+){0,2}(?:нәтиже|қорытынды)\\p{L}*|қорытынды\\s+есе[пб]\\p{L}*|(?:референдумға|дауыс\\s+беруге)\\s+қатысқан|қатысу\\s+(?:деңгей|көрсеткіш)\\p{L}*|дауыс\\s+берд[іи]|(?:референдумға|сайлаушы\\p{L}*)\\s+(?:\\p{L}+\\s+){0,3}қатысты|сайлаушы\\p{L}*\\s+(?:\\p{L}+\\s+){0,3}?(?:қолдады|қарсы\\s+болды)',
    ].join('|') +
    ')(?![\\p{L}])',
  'iu',
);

/**
 * "What is the conference even for?", "what did Tokayev say the conference was for": what something is for, its
 * purpose; not what someone is responsible, known or calling for.
 */
const WHAT_FOR = /^\W*what(?:'s|\s+(?:is|are|was|were|did\s+(?:[a-z'-]+\s+){1,4}?say))\s+(?:[a-z'-]+\s+){1,6}?(?:(?:is|are|was|were)\s+)?(?<!(?:ible|able|ed|ing|own|ous)\s)(?:even\s+|actually\s+|really\s+)?for(?:\s*,?\s+(?:according\s+to|per)\s+[^?]*)?\W*(?:lol|tbh|anyway|exactly)?\W*$/;

/**
 * "What is the purpose of X?", "what's the point of X", "what was the main aim of X": the purpose word says what
 * kind of answer is wanted (see the 'why' type), like "why"; the sentence that answers says what X is for, in its
 * own words ("is aimed at ...", "to ensure ..."). Its start in the text, or -1.
 */
const PURPOSE_HEAD = /\bwhat(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+|its\s+|their\s+)?(?:(?:(main|real|actual|key)\s+)?(reason|purpose|aim|goal|objective)s?|(?:(whole)\s+)?(point))\b/di;

/** The starts of the purpose word and of its modifier ("main aim"), in the text: none when there is no purpose word. */
function purposeWordStarts(text: string): number[] {
  const at = PURPOSE_HEAD.exec(text)?.indices;
  const out: number[] = [];
  if (at) for (const group of at.slice(1)) if (group) out.push(group[0]);
  return out;
}

/**
 * How a request is framed ("I want to learn", "can you explain", "I wonder"): cue words after the one asking
 * (I, you, me) or opening the question; elsewhere they are what is asked about ("we must learn", "what did he explain").
 */
const FRAME_WORDS = new Set(['explain', 'describe', 'show', 'wonder', 'curious', 'interested', 'learn', 'ask', 'wondering']);
const ASKER = new Set(['i', "i'd", "i'm", 'im', 'id', 'you', 'me', 'please', 'pls', 'let', 'lemme', 'wanna']);

/** Start offsets of the words that are cue words where they stand (see CUE_WORDS and FRAME_WORDS). */
function cueStarts(ws: readonly Word[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < ws.length; i++) {
    const lower = ws[i]!.surface.toLowerCase();
    if (SUPPORT_VERBS.has(lower) && ws.slice(i + 1, i + 4).some((w) => SPOKEN_NOUNS.has(w.surface.toLowerCase()))) out.add(ws[i]!.start);
    // "Based on the KazISS meeting, what ...?": whose account is asked for, as "according to" says.
    if (lower === 'based' && ws[i + 1]?.surface.toLowerCase() === 'on') out.add(ws[i]!.start);
    const previous = ws[i - 1]?.surface.toLowerCase();
    // "In what year ...?", "which month ...": the kind of answer, as "what date" says; a year or a month answers.
    if ((lower === 'year' || lower === 'month') && (previous === 'what' || previous === 'which')) out.add(ws[i]!.start);
    // "Which existing body ...", "what current post ...": when the thing asked for is, not what it is.
    if (STATE_ADJECTIVES.has(lower) && previous !== undefined && WH_WORDS.has(previous) && ws[i + 1]?.term) out.add(ws[i]!.start);
    // "before this one", "which one", "the last one": "one" stands for a noun the question has already named.
    if (lower === 'one' && previous !== undefined && ONE_STANDS_IN_AFTER.has(previous) && !ws[i + 1]?.term) out.add(ws[i]!.start);
    if (!CUE_WORDS.has(lower)) continue;
    if (FRAME_WORDS.has(lower) && i > 0 && !askerBefore(ws, i)) continue;
    out.add(ws[i]!.start);
  }
  return out;
}

/**
 * "Who gave the welcoming speech?", "Who made the statement?": the verb says only that something was said, the
 * noun says what; sentences write "In his welcoming speech, X noted ...".
 */
const SUPPORT_VERBS = new Set(['give', 'gave', 'given', 'gives', 'giving', 'make', 'made', 'makes', 'making', 'deliver', 'delivered', 'delivers', 'delivering']);
const SPOKEN_NOUNS = new Set(['speech', 'speeches', 'address', 'remarks', 'statement', 'statements', 'presentation', 'presentations', 'report', 'talk', 'lecture', 'keynote', 'briefing', 'interview']);

/** Is one of the three words before ws[i] the one asking ("I", "you", "me")? */
function askerBefore(ws: readonly Word[], i: number): boolean {
  for (let j = Math.max(0, i - 3); j < i; j++) if (ASKER.has(ws[j]!.surface.toLowerCase().replace(/’/g, "'"))) return true;
  return false;
}

/** Words after which "one" is a pronoun, when no noun follows it ("this one", "the previous one"). */
const ONE_STANDS_IN_AFTER = new Set(['this', 'that', 'which', 'each', 'every', 'any', 'another', 'last', 'latest', 'first', 'next', 'previous', 'other', 'same', 'new', 'old', 'only', 'current', 'earlier', 'later', 'second', 'third']);

/** Words that only say what kind of answer is wanted; they are not looked for in the text. */
const CUE_WORDS = new Set([
  'whose', 'whom', 'many', 'much', 'number', 'percentage', 'percent', 'share', 'proportion', 'date', 'day', 'time', 'long', 'name', 'please', 'tell', 'know', 'anyone', 'question', 'answer',
  ...FRAME_WORDS, 'details', 'info', 'information',
  // Conjunctions and prepositions Orama's stop words lack: grammar, not a word to look for (nor a slip for "singe").
  'since', 'unless', 'though', 'although', 'whether', 'whereas', 'whilst', 'despite', 'toward', 'towards', 'upon', 'amid', 'among', 'amongst', 'throughout', 'onto', 'versus',
  // Light verbs: asking "what does X need / see / want", the answer's words are elsewhere ("must", "regard").
  'need', 'see', 'look', 'want',
  // "What happened to X?", "What will happen to X?": asks what changed about X, names nothing to look for.
  'happen', 'happens', 'happened', 'happening',
  // Chat register ("... or nah", "yo who ran ...", "lol"): how people type, not what they ask about.
  'yo', 'hey', 'hi', 'hello', 'ok', 'okay', 'nah', 'lol', 're', 'lady', 'guy', 'guys', 'gal', 'fella', 'folks', 'lmao', 'tho', 'btw', 'idk', 'imo', 'imho', 'tbh', 'ngl', 'fyi', 'smh', 'even', 'ya', 'yeah', 'yep', 'nope', 'kinda', 'sorta', 'dude', 'bro', 'bruh', 'huh', 'eh', 'um', 'uh', 'hmm',
  // Discourse adverbs ("what did they actually decide", "how exactly"): emphasis, never the topic.
  'actually', 'really', 'basically', 'literally', 'honestly', 'anyway', 'anyways', 'exactly', 'precisely', 'stuff', 'etc', 'again',
  // "per the institute's poll" (according to), "the pre-vote session" (a prefix split off its word).
  'per', 'pre',
  // "the meeting devoted to the referendum" (a translation's "посвящённое"): what it was on, said by the next words.
  'devoted', 'dedicated',
  // "How many polling stations in total?" (a translation's "всего"): how much is counted, not what.
  'total', 'overall', 'altogether',
  // "Who originally decided ...?": when, which the rest of the question and the answer say ("currently" is not one: the
  // sources write "currently applicable" acts).
  'originally', 'initially', 'formerly', 'previously', 'recently', 'nowadays', 'now', 'later',
]);

/**
 * Words that report speech ("What did X say about Y?", "according to X", "what does X think"): the answer is what
 * was said, in a sentence that may name the speaker only by "he" or inside a quotation.
 */
const REPORTING_WORDS = new Set([
  'say', 'says', 'said', 'saying', 'speak', 'speaks', 'spoke', 'spoken', 'speaking', 'talk', 'talks', 'talked', 'talking', 'told', 'according',
  'note', 'notes', 'noted', 'mention', 'mentions', 'mentioned', 'think', 'thinks', 'thought', 'believe', 'believes', 'believed',
  'stress', 'stresses', 'stressed', 'emphasize', 'emphasizes', 'emphasized', 'emphasise', 'emphasises', 'emphasised', 'underscore', 'underscored',
  'claim', 'claims', 'claimed', 'argue', 'argues', 'argued', 'remark', 'remarked', 'comment', 'commented', 'stated', 'opinion',
]);

/** In "What position does X hold?" these words ask for a job title; they are not looked for in the text. */
const ROLE_CUES = new Set(['position', 'post', 'job', 'role', 'offic']);

/** "the role of X", "what role will X play": X, whose role is asked for. */
const ROLE_HOLDER = /\brole\s+(?:of|for)\s+(?:the\s+)?(?<of>[^?,;]+)|\brole\s+(?:will|does|did|do|is|would|could|should|can|has|have)\s+(?:the\s+)?(?<subject>.+?)\s+(?:play|have|had|fulfil|fill|take)\b/i;
/** An institution or a body (what a role like "act as the highest form of justice" is said of), not a person. */
const INSTITUTION_HEADS = /\b(?:court|tribunal|council|commission|parliament|mazhilis|senate|assembly|platform|body|bodies|institute|institution|ministry|mission|referendum|constitution|amendments?|reforms?|law|office|committee|government|state|society|organi[sz]ations?|ngos?)\b/gi;

/** The institution or thing (its head noun) whose part a role question asks for; undefined when it asks a person's position. */
export function roleHolderOf(question: string, translated = false): string | undefined {
  const groups = ROLE_HOLDER.exec(question)?.groups;
  // A translation keeps the original's order: "... Constitutional Court role served" (Kazakh "... сот қандай рөл атқарады").
  const holder = groups?.of ?? groups?.subject ?? (translated ? /^(.+?)\s+role\b/i.exec(question)?.[1] : undefined);
  if (holder === undefined || /\b(?:his|her|he|she)\b/i.test(holder)) return undefined;
  // The last one: "the Gumilev law professor say the new tribunal" asks for the tribunal's part.
  return [...holder.matchAll(INSTITUTION_HEADS)].at(-1)?.[0].toLowerCase();
}

/** The nouns of "which organisations / NGOs / ministries ...": named organisations answer. */
const ORGANISATION_NOUN = '(?:organi[sz]ations?|ngos?|bod(?:y|ies)|institutions?|agenc(?:y|ies)|associations?|foundations?|ministr(?:y|ies)|partners?|bureaus?|missions?|delegations?|parties|committees?|assembl(?:y|ies)|unions?)';

/** "Which deputy foreign minister ...?", "which law professor": a person is asked for, by what they are (English word order). */
const WHICH_PERSON = /\bwhich\s+(?:[a-z-]+\s+){0,2}?(?:person|official|expert|minister|man|woman|professor|speaker|panell?ist|deputy|commissioner|ombudsman|ombudsperson|ombudswoman|chairman|chairwoman|chairperson|director|secretary|ambassador|diplomat|scientist|scholar|analyst|lawyer|researcher|politician|advisor|adviser)\b/;

const TYPE_PATTERNS: Array<[AnswerType, RegExp]> = [
  // "What part of the population ..." asks for a share; "Which part of parliament ..." asks which chamber.
  ['percent', /\b(what|which)\s+(percentage|percent|share|proportion|fraction)\b|\b(what|which)\s+part\s+of\s+(?:the\s+)?(?:population|people|citizens|voters|respondents|residents|electorate|votes|ballots|kazakhstanis|society|youth)\b|\bhow\s+many\s+percent|\bpercentage\b|\bhow\s+much\s+of\b/],
  ['how_long', /\bhow\s+long\b|\bhow\s+much\s+time\b|\bhow\s+many\s+years\b|\bfor\s+how\s+long\b|\bwhat\s+(is\s+the\s+)?(term|duration|length)\b/],
  ['how_many', /\bhow\s+(many|much)\b|\bnumber\s+of\b|\bwhat\s+number\b|^\W*count\b/],
  // "when" asks for a time at the start of a question, not inside it ("what happens when laws infringe ...").
  ['when', /^\W*(?:[a-z']+\W+){0,2}when\b|\bwhat\s+(dates?|days?|years?|months?)\b|\bwhich\s+(dates?|days?|years?|months?)\b|\bdates?\b|\bwhat\s+time\b/],
  ['role', /\b(?:what|which)\s+(?:is\s+|was\s+)?(?:the\s+|his\s+|her\s+)?(?:position|post|job|role|office)\b|\b(?:position|post|job)\s+(?:of|does|did|do|is|was)\b/],
  // "Who were the main observer organisations?": organisations answer, not a person.
  ['organisation', new RegExp(`^\\W*who\\s+(?:were|are|was|is)\\s+(?:the\\s+)?(?:[a-z-]+\\s+){0,2}?(?:${ORGANISATION_NOUN}|orgs?)(?=\\s+(?:at|in|of|for|from|that|which|who|to|on|during)\\b|\\W*$)`)],
  ['who', /\bwho\b|\bwhom\b|\bwhose\b|\bwhich\s+(person|official|expert|minister|man|woman)\b|\bname\b/],
  ['where', /\bwhere\b|\bin\s+which\s+(city|place|country|region)\b/],
  // "Which NGOs took part ...?", "What international organisations observed ...?": named organisations answer.
  // A Kazakh question read word by word puts "which" last ("... ұйымдар қайсы?": "... organizations which?").
  ['organisation', new RegExp(`\\b(?:which|what)\\s+(?:[a-z-]+\\s+){0,2}?${ORGANISATION_NOUN}\\b|\\b${ORGANISATION_NOUN}\\s+which\\W*$`)],
  ['why', new RegExp(`^\\W*(?:[a-z']+\\W+){0,3}why\\b|\\bwhat\\s+for\\b|\\bfor\\s+what\\s+(?:reason|purpose)\\b|${PURPOSE_HEAD.source}|\\bhow\\s+come\\b|${WHAT_FOR.source}`)],
];

/**
 * "What is the Mazhilis?", "who is Yerkin Tukumov", "What's KazISS?": a short subject and nothing more, or only
 * whose definition is asked for ("What is a fair state according to Aubakirova?").
 */
const DEFINITION = /^\W*(?:what|who)(?:'s|\s+(?:is|are|was|were))\s+(?:the\s+|an?\s+)?([\p{L}\p{N}][\p{L}\p{N}'’.\/-]*(?:\s+(?!according\b)[\p{L}\p{N}][\p{L}\p{N}'’.\/-]*){0,3})(?:\s*,?\s+(?:according\s+to|in\s+the\s+(?:view|opinion|words)\s+of)\s+[\p{L}\p{N}][\p{L}\p{N}'’.\s-]{0,60})?\s*[?.!]*\s*$/iu;

/** "What is the Dialogue Platform on Human Dimension?": a longer subject when it is a name, every word capitalised but of/on/for/and/the. */
const DEFINED_NAME = /^\W*(?:[Ww]hat|WHAT)(?:'s|\s+(?:is|are|was|were))\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:(?:of|on|for|and|the)\s+)*\p{Lu}[\p{L}\p{N}'’-]*){2,7})\s*[?.!]*\s*$/u;

/** The subject of a definition question, or null ("who is the chairman" asks for a person, not a definition). */
export function definedSubject(question: string): string | null {
  const m = DEFINITION.exec(question) ?? DEFINED_NAME.exec(question);
  if (!m) return null;
  const subject = m[1]!;
  if (/^who/i.test(question.trim()) && (!/^\p{Lu}/u.test(subject) || asksOfficeHolder(question))) return null;
  // "What was the purpose of the survey?" asks why, not what a purpose is.
  if (/^(?:reason|purpose|aim|goal|point)s?\b/i.test(subject)) return null;
  // "What is the conference even for?" asks what it is for.
  if (/\sfor$/i.test(subject)) return null;
  return subject;
}

export function detectAnswerType(question: string, translated = false): AnswerType {
  if (definedSubject(question) !== null) return 'define';
  const attributed = question.toLowerCase().replace(LEADING_ATTRIBUTION, '');
  // A translation keeps its word order: "когда прошли выборы, которые ..." reads "when held elections, which ...".
  const lower = translated ? attributed : attributed.replace(LEADING_CLAUSE, '');
  for (const [type, pattern] of TYPE_PATTERNS) {
    // A translation keeps its word order: "қай университетте профессор" reads "which university professor".
    if (!pattern.test(lower) && !(type === 'who' && !translated && WHICH_PERSON.test(lower))) continue;
    // A translation keeps the original's word order: "what condemned deputy Ministry ..." asks what, not which ministry.
    if (type === 'organisation' && translated && !ORGANISATION_NEXT.test(lower)) continue;
    if (type === 'who' && relativeWhoOnly(lower)) continue;
    return type;
  }
  // Kazakh puts its question word just before the verb at the end ("Конституциялық сот жұмысын қашан бастады?").
  if (translated && TRANSLATED_WHEN.test(lower)) return 'when';
  return YES_NO.test(lower) ? 'yesno' : 'other';
}

/**
 * "What did the minister say should be guaranteed for the people who were detained?": a "who" after another
 * question word starts a relative clause; the question asks what. "Whom", "whose", "which official" and "name"
 * still ask for a person.
 */
function relativeWhoOnly(lower: string): boolean {
  const who = lower.search(/\bwho\b/);
  const other = lower.search(/\b(?:what|which|how|why|when|where)\b/);
  return who > 0 && other >= 0 && other < who && !PERSON_ASKED.test(lower);
}

const PERSON_ASKED = new RegExp(`\\bwhom\\b|\\bwhose\\b|${WHICH_PERSON.source}|\\bname\\b`);

/** "When the CEC was first set up, who decided ...?", "If the amendments pass, what happens ...?": a clause setting the scene, before the question word. */
const LEADING_CLAUSE = /^\W*(?:when|if|after|before|once|while|since|until)\b[^,?]{3,100},\s*(?=(?:who|whom|whose|what|which|how|why|where|when|did|does|do|is|are|was|were|can|could|will|would|has|have)\b)/;

/** "According to X, why ...?", "In the professor's view, when ...": whose words are asked for, before the question word. */
const LEADING_ATTRIBUTION = /^\W*(?:(?:according\s+to|in\s+(?:the\s+)?(?:view|opinion|words)\s+of)\s+[^,]{1,60}|in\s+[^,]{1,50}['’]s?\s+(?:view|opinion|words)),\s*/;

/** "when" after a few words and no other question word ("what did he say when ..." asks what). */
const TRANSLATED_WHEN = /^\W*(?:(?!(?:what|who|which|how|why|whose)\b)[a-z'-]+\W+){0,6}when\b/;

const ORGANISATION_NEXT = new RegExp(`\\b(?:which|what)\\s+(?:[a-z-]+\\s+)?${ORGANISATION_NOUN}\\b|\\b${ORGANISATION_NOUN}\\s+which\\W*$`);

/** "Was the session held online?", "Did observers attend?": asks whether, opening with an auxiliary verb. */
const YES_NO = /^\W*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|shall|must|may|might|isn't|wasn't|didn't|doesn't|don't|hasn't|haven't|won't|can't)\b/;

export interface Vocabulary {
  /** Is this term (stemmed) anywhere in the corpus? */
  hasTerm(term: string): boolean;
  /** In how many sentences of the corpus the term (stemmed) occurs; 0 when nowhere. */
  documentFrequency(term: string): number;
  /** A corpus word within a small edit distance of `word`, or null. */
  closestWord(word: string): string | null;
  /** The name the sources spell out for an acronym ("sco" → "Shanghai Cooperation Organization"), or null. */
  expandAcronym?(word: string): string | null;
}

const MAX_QUESTION_CHARS = 1000;

/** Pasted links and markup are not part of the question: "<b>When</b> is [the vote](https://...)?" → "When is the vote?". */
export function cleanQuestion(raw: string): string {
  return raw
    .slice(0, MAX_QUESTION_CHARS * 2)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);/gi, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    // List numbering ("1. When ...", "... (2)") is not part of the question.
    .replace(/^\s*\d{1,2}[.)]\s+|\(\d{1,2}\)/g, ' ')
    // How chat frames a question ("quick one:", "so like ...", "... or what?"), not what it asks.
    .replace(CHAT_OPENING, '')
    .replace(CHAT_ENDING, '$1')
    .replace(POLITE_ENDING, '$1')
    // "these days", "at the moment": now, a time frame and no word to look for.
    .replace(NOW_PHRASE, 'now')
    .slice(0, MAX_QUESTION_CHARS)
    .replace(CHAT_FORM, (word) => CHAT_FORMS.get(word.toLowerCase()) ?? word)
    .replace(/^(\s*)(\p{L}{2,5})\b/u, (all, space: string, word: string) => space + (misspeltQuestionWord(word) ?? word));
}

const isSubsequence = (short: string, long: string) => {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
};

const QUESTION_WORDS = ['what', 'who', 'when', 'where', 'which', 'why', 'how', 'whose', 'whom'];

/** "Wht", "Waht", "hwo" opening a question: the question word meant (one letter off or two swapped), else null. */
export function misspeltQuestionWord(word: string): string | null {
  const lower = word.toLowerCase();
  if (QUESTION_WORDS.includes(lower) || !/^[wh]/.test(lower) || lower.length < 3) return null;
  // A dropped letter is the likeliest slip ("wher" is "where", not "when"), so such a reading goes first.
  const near = QUESTION_WORDS.filter((q) => editDistance(lower, q, 2) === 1);
  const meant = near.find((q) => q.length === lower.length + 1 && isSubsequence(lower, q)) ?? near[0];
  if (!meant) return null;
  // Real words a question may open with ("Were", "Here", "Whole") stay: only letter strings that are no English word,
  // or a word so rare that no one opens a question with it ("wen", "wat").
  if (lower === 'were' || lower === 'here' || (knowsWord(lower) && everydayUse(lower) > 0)) return null;
  return word[0] === word[0]!.toUpperCase() ? meant[0]!.toUpperCase() + meant.slice(1) : meant;
}

/**
 * Where the question proper starts in a message of several sentences that ends with one question ("My uncle keeps
 * saying ... I read that ... According to them, what is ...?"), or 0.
 */
function questionAfterPreamble(text: string, translated: boolean): number {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('?') || trimmed.slice(0, -1).includes('?')) return 0;
  let last = 0;
  // A title quoted in the question ("the meeting 'Referendum: Constitutional Rights of Citizens'") is no sentence
  // (looked for only when a sentence seems to end: most questions are one sentence).
  let quoted: Array<readonly [number, number]> | undefined;
  // A translation is lowercase (names aside): any word after a full stop starts a sentence.
  for (const m of trimmed.matchAll(translated ? TRANSLATED_SENTENCE_END : SENTENCE_END)) {
    const at = m.index ?? 0;
    quoted ??= [...trimmed.matchAll(QUOTED)].map((q) => [q.index ?? 0, (q.index ?? 0) + q[0].length] as const);
    if (quoted.some(([from, to]) => at > from && at < to)) continue;
    // After a colon, only a question starts the question ("Quick one: Who chaired ...?"; not "titled Referendum: Constitutional Rights ...").
    if (trimmed[at] === ':' && !QUESTION_START.test(trimmed.slice(at + m[0].length))) continue;
    last = at + m[0].length;
  }
  for (const m of trimmed.matchAll(QUESTION_AFTER_BREAK)) last = Math.max(last, (m.index ?? 0) + m[0].length);
  return last;
}
const SENTENCE_END = /[.!:]\s+(?=[\p{Lu}"“«])/gu;
/** A quoted span: opened after a space or bracket (an apostrophe inside a word opens none), closed before one or punctuation. */
const QUOTED = /(?<=^|[\s(])["“«'‘][^"“”«»\n]{1,150}?["”»'’](?=[\s,.?!;:)]|$)/gu;
// Words a translation drops leave their commas ("Подскажите, пожалуйста, ..." after a full stop: "society.,, which ...").
const TRANSLATED_SENTENCE_END = /[.!][\s,]*\s(?=[\p{L}"“«])/gu;
/** "...; what did the chairman say ...?", "... — who chaired it?": a question word after a semicolon or a dash starts the question too. */
const QUESTION_AFTER_BREAK = /[;—–]\s*(?=(?:what|who|whom|whose|which|when|where|why|how|did|does|do|is|are|was|were|can|could|will|would)\b)/giu;

const CHAT_OPENING = /^\s*(?:(?:(?:ok|okay|so|hey|hi)[\s,]+)?(?:quick\s+(?:one|question|q)|real\s+quick|honest\s+question|random\s+question)\b\s*[:,.-]*|so\s+like\b[\s,]*)\s*/i;
/** "... or what?", "... or not?" at the very end (anchored there: the regex starts at the last "or"). */
const CHAT_ENDING = /(?<=[^\s,])[\s,]+or\s+(?:what|not|nah|no)\s*([?!.]*)\s*$/i;
/** "... at the referendum thx", "..., thanks!": thanks at the very end are manners, not a word to look for. */
const NOW_PHRASE = /\b(?:these\s+days|nowadays|at\s+the\s+moment|right\s+now|at\s+this\s+point)\b/gi;
const POLITE_ENDING = /(?<=[^\s,])[\s,]+(?:thanks(?:\s+(?:a\s+lot|in\s+advance))?|thank\s+you|thx|ty|tnx|cheers)\s*([?!.]*)\s*$/i;

/** How chat spells words: contractions without the apostrophe ("whats", "didnt") and common short forms ("ppl"). */
const CHAT_FORMS = new Map([
  ['whats', 'what is'], ['whos', 'who is'], ['wheres', 'where is'], ['whens', 'when is'], ['hows', 'how is'], ['thats', 'that is'], ['theres', 'there is'],
  ['isnt', 'is not'], ['wasnt', 'was not'], ['werent', 'were not'], ['arent', 'are not'], ['didnt', 'did not'], ['doesnt', 'does not'], ['dont', 'do not'],
  ['hasnt', 'has not'], ['havent', 'have not'], ['cant', 'can not'], ['wont', 'will not'], ['couldnt', 'could not'], ['wouldnt', 'would not'],
  ['ppl', 'people'], ['govt', 'government'], ['gov', 'government'], ['pres', 'president'], ['abt', 'about'], ['bc', 'because'], ['cuz', 'because'],
  ['intl', 'international'], ['kz', 'Kazakhstan'], ['const', 'constitutional'], ['natl', 'national'], ['dept', 'department'], ['org', 'organization'], ['orgs', 'organizations'], ['reps', 'representatives'],
  ['yr', 'year'], ['yrs', 'years'], ['pct', 'percent'], ['approx', 'approximately'], ['tmrw', 'tomorrow'], ['pls', 'please'], ['plz', 'please'], ['thx', 'thanks'],
  ['gonna', 'going to'], ['wanna', 'want to'], ['gotta', 'got to'], ['dunno', 'do not know'], ['lemme', 'let me'], ['gimme', 'give me'],
  ['mtg', 'meeting'], ['smth', 'something'], ['thru', 'through'], ['acc', 'according'], ['bout', 'about'], ['hq', 'headquarters'], ['mps', 'members of parliament'], ['coop', 'cooperation'],
]);
const CHAT_FORM = new RegExp(`\\b(?:${[...CHAT_FORMS.keys()].join('|')})\\b`, 'gi');

/** Reads a cleaned question (see cleanQuestion): its answer type, its content words and what to search for. */
export function analyseQuestion(question: string, vocabulary: Vocabulary, options: AnalyseOptions = {}): AnalysedQuestion {
  const language = options.language ?? 'en';
  // First, so that every offset below is one in the question as read.
  question = language === 'en' ? expandAcronyms(question, vocabulary) : question;
  const asksClock = options.asksClock ?? CLOCK_QUESTION.test(question);
  const asksMoney = options.asksMoney ?? MONEY_QUESTION.test(question);
  const asksDay = options.asksDay ?? DAY_QUESTION.test(question);
  const asksOutcome = options.asksOutcome ?? OUTCOME_QUESTION.test(question);
  // An English question in the present tense, asking nothing of the past, asks how things are too ("Since the 2007 reform, how are they appointed?").
  const asksNow = options.asksNow ?? (NOW_QUESTION.test(question) || (language === 'en' && !PAST_QUESTION.test(question)));
  // "I'm preparing a briefing ... I've read that ... Which CIS body ...?": the question is the last sentence, the rest its setting.
  const asked = questionAfterPreamble(question, options.translated === true);
  // A second question is asked after the setting: "... asking me about the reform and why everyone links it to human rights." is setting.
  const secondAt = SECOND_QUESTION.exec(question.slice(asked))?.index;
  const second = secondAt === undefined ? -1 : asked + secondAt;
  const detected = asksClock ? 'when' : (options.type ?? detectAnswerType(question.slice(asked, second > 0 ? second : undefined), options.translated === true));
  const type = detected === 'other' && options.asksWhy ? 'why' : detected === 'other' && options.asksWhether ? 'yesno' : detected === 'other' && options.wantsName ? 'who' : detected;
  const original = words(question, language);
  // A translation is the lexicons' English: nothing in it is misspelt ("forum" is not "form").
  const fixedText = options.translated ? question : correctSpelling(question, original, vocabulary, language);
  const ws = fixedText === question ? original : words(fixedText, language);
  // Where the corrected words now start, so their units can be marked.
  const corrected = new Set<number>();
  // Each replacement is one word for one word, so the words pair up in order (the words after a longer
  // replacement start later, unchanged).
  if (fixedText !== question) for (let i = 0; i < ws.length; i++) if (ws[i]!.surface !== original[i]?.surface) corrected.add(ws[i]!.start);
  const contentWords = ws.filter((w) => w.term !== null);
  const cues = cueStarts(ws);
  if (type === 'why') for (const start of purposeWordStarts(fixedText)) cues.add(start);
  // "What new possibility will the Ombudsman have?": "new possibility" says what kind of answer is wanted (someone
  // able to do something: "will be able to appeal"), as a purpose word does for "why"; it is not looked for.
  const ability = type === 'other' && language === 'en' && options.translated !== true ? ASKS_ABILITY.exec(fixedText) : null;
  if (ability?.indices && !/^powers?$/i.test(ability[2]!)) for (const group of ability.indices.slice(1)) if (group) cues.add(group[0]);
  // A translation has no "what new ...": "омбудсменнің мүмкіндіктері қалай өзгереді" reads "... Ombudsman opportunities ... change".
  const translatedAbility = type === 'other' && options.translated === true ? [...fixedText.matchAll(TRANSLATED_ABILITY)] : [];
  for (const m of translatedAbility) cues.add(m.index ?? 0);
  const units = questionUnits(ws, contentWords, cues, original, type, vocabulary, corrected, language, options.groups, options.translated === true);
  if (second > 0) for (const unit of units) if ((contentWords[unit.position]?.start ?? 0) >= second) unit.secondary = true;
  // A translation's capitals are its lexicons'; an English question's first word is capitalised whatever it is.
  const firstWord = options.translated === true ? -1 : (ws[0]?.start ?? 0);
  for (const unit of units) if ((contentWords[unit.position]?.start ?? 0) > firstWord && NAME_START.test(unit.surface) && !knowsWord(unit.surface.toLowerCase())) unit.name = true;
  // A word of the setting that the question itself repeats ("... links it to human rights. ... for human rights mechanisms?") is asked.
  if (asked > 0) for (const unit of units) if ((contentWords[unit.position]?.start ?? 0) < asked && !contentWords.some((w) => w.start >= asked && w.term === unit.term)) unit.secondary = true;
  const countedTerms = type === 'how_many' || type === 'how_long' ? countedTermsOf(fixedText) : new Set<string>();
  const searchText = searchTextOf(contentWords, cues, units, vocabulary, language === 'en' && options.expand !== false);
  const subject = type === 'define' ? (definedSubject(fixedText) ?? (second > 0 && fixedText === question ? definedSubject(question.slice(asked, second)) : null)) : null;
  const defines = subject ? new DefinitionPattern(subject, { loose: options.translated === true }) : undefined;
  const keywords = !/[?¿؟]/.test(question) && !QUESTION_START.test(question) && ws.length <= 3;
  const surfaces = new Set<string>();
  for (const w of original) surfaces.add(w.surface.toLowerCase());
  // And as corrected: "Depty Director" asks for the deputy, whom a sentence naming the Deputy Director names.
  if (ws !== original) for (const w of ws) surfaces.add(w.surface.toLowerCase());
  const wantsName = type === 'who' && (options.wantsName ?? (WANTS_NAME.test(question) || asksOfficeHolder(question)));
  let reportsSpeech = false;
  for (const w of contentWords) if (REPORTING_WORDS.has(w.surface.toLowerCase())) reportsSpeech = true;
  const asksFor = ASKS_FOR.exec(question)?.[1]?.split(/\s+/).at(-1)?.toLowerCase();
  const institutions = language === 'en' ? namedInstitutions(fixedText, options.groups, options.translated === true) : [];
  const claimedLength = type === 'yesno' && language === 'en' ? claimedLengthOf(fixedText) : undefined;
  const termOwner = type === 'how_long' && language === 'en' ? termOwnerOf(fixedText, options.translated === true) : undefined;
  const asksFormat = language === 'en' && units.some((u) => u.concepts.includes(FORMAT_CONCEPT));
  const quantified = type === 'yesno' && language === 'en' ? quantifiedNounOf(fixedText) : undefined;
  const asksAbility = ability !== null || translatedAbility.length > 0;
  const roleOf = type === 'role' && language === 'en' ? roleHolderOf(fixedText, options.translated === true) : undefined;
  const kindOf = type === 'other' && language === 'en' ? KIND_OF.exec(fixedText)?.[1]?.toLowerCase() : undefined;
  // A translation's counted word may be one no lexicon read (left in Cyrillic): then nothing can be counted by it.
  // Only the first word counted says what is counted ("how many hours ехать train": hours).
  const countsAskedThing = type === 'how_many' && countedTerms.size > 0 && language === 'en' && !hasCyrillic(countedTerms.values().next().value ?? '');
  return { type, units, countedTerms, countsAskedThing, searchText, language, keywords, surfaces, wantsName, translated: options.translated === true, asksList: type === 'organisation' || (type === 'other' && LIST_QUESTION.test(fixedText)) || (type === 'who' && WHO_LIST.test(fixedText)), reportsSpeech, asksClock, asksMoney, asksDay, asksOutcome, asksNow, ...(institutions.length > 0 ? { institutions } : {}), ...(claimedLength !== undefined ? { claimedLength } : {}), ...(termOwner !== undefined ? { termOwner } : {}), ...(asksFormat ? { asksFormat } : {}), ...(quantified ? { quantified } : {}), ...(asksAbility ? { asksAbility } : {}), ...(roleOf ? { roleOf } : {}), ...(kindOf ? { kindOf } : {}), ...(asksFor ? { asksFor } : {}), ...(wantsName ? officeOfQuestion(fixedText) : {}), ...(defines ? { defines } : {}) };
}

/** "now", "currently", "under the current Constitution", "today": the present state of things is asked for. */
const NOW_QUESTION = /\b(?:now|nowadays|currently|current|today|presently|at present)\b/i;

/** "Who appointed them before 2007?", "did", "was": a question about how things were. */
const PAST_QUESTION = /\b(?:was|were|did|had|before|previously|prior|until|originally|initially|formerly|used\s+to|back\s+when|back\s+then|at\s+first|first\s+set\s+up)\b/i;

/** A length of time, its number first: "a seven-year term", "for 27 years", "a five year mandate". */
export const LENGTH_OF_TIME = new RegExp(`\\b(\\d{1,3}|${NUMBER_NAMES.join('|')})[\\s-]+(?:years?|months?|weeks?|days?)\\b`, 'i');

/** The number of a length of time the question states ("seven-year" → 7), if any. */
export function claimedLengthOf(question: string): number | undefined {
  const m = LENGTH_OF_TIME.exec(question);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  return /^\d/.test(word) ? Number(word) : NUMBER_NAMES.indexOf(word);
}

const ABILITY_NOUN = 'possibilit(?:y|ies)|opportunit(?:y|ies)|abilit(?:y|ies)';
/** "What kind of democracy", "which form of people's rule": the thing asked about (a possessive's owner is skipped). */
const KIND_OF = /\b(?:what|which)\s+(?:kinds?|forms?|types?|sorts?)\s+of\s+(?:[a-z]+['’]s\s+)?([a-z][a-z-]{2,})\b/i;
/** "What new power ...", "What possibilities will citizens get ...", "What opportunity ...": the modifier and the noun. */
const ASKS_ABILITY = new RegExp(`\\b(?:what|which)\\s+(?:(new|additional|extra)\\s+)?(powers?|${ABILITY_NOUN})\\b`, 'di');
/** The same noun in a translation, which has no "what new" before it ("... Ombudsman opportunities ... change"). */
const TRANSLATED_ABILITY = new RegExp(`\\b(?:${ABILITY_NOUN})\\b`, 'gi');

/** "Which issues ...", "what areas ...", "which countries": a plural noun after the question word (not a verb: "what does"). */
const LIST_QUESTION = /\b(?:which|what)\s+(?:[\p{L}-]+\s+)?(?!(?:does|is|was|has|causes|makes|means|happens|gives|takes|says|explains|shows)\b)\p{L}{2,}s\b(?<!ss|us|is)/iu;

/** "Who were the foreign guests?": people in the plural, answered by an enumeration. */
const WHO_LIST = /\bwho\s+(?:were|are|will\s+be)\s+(?:the\s+)?(?:[\p{L}-]+\s+)?\p{L}{2,}s\b(?<!ss|us|is)/iu;

/** "all NGOs", "every member", "any of the observers", "all the parties". */
const QUANTIFIED = /\b(?:all|every|each|any)\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?(\p{L}[\p{L}-]+)/iu;
const NOT_A_NOUN = /^(?:other|others|such|kind|kinds|sort|way|ways|time|times|more|one|ones)$/i;

/** The noun a yes/no question quantifies over with all / every / each / any ("Did all NGOs support it?"). */
export function quantifiedNounOf(question: string): string | undefined {
  const noun = QUANTIFIED.exec(question)?.[1];
  return noun && !NOT_A_NOUN.test(noun) ? noun.toLowerCase() : undefined;
}

/** The thesaurus concept of how a meeting was held (online, in person, by videoconference). */
export const FORMAT_CONCEPT = '~format';

/** "How long is the president's term", "the presidential term", "the term of office of the president". */
const TERM_OF = /\bhow\s+long\b.*?\b(?:is|was|are|were|will\s+be)\s+(?:the\s+|a\s+|an\s+)?(?:([\p{L}-]+?)(?:['’]s)?\s+(?:term|mandate|tenure)|(?:term|mandate|tenure)(?:\s+of\s+office)?\s+(?:of|for)\s+(?:the\s+|a\s+|an\s+)?([\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,5}))/iu;

const NAME_START = /^\p{Lu}/u;
const TRANSLATED_TERM_OWNER = /(?<![\p{L}])(\p{Lu}[\p{L}-]*)\s+(?:term|mandate|tenure)\b|\b(?:term|mandate|tenure)\s+(\p{Lu}[\p{L}-]*)/u;

/**
 * The stems of whose term a "how long" question asks about, if it says, joined by "|": one word ("the CEC
 * chairman's term") or the words of "the term of office for the election commission's chair and members".
 */
export function termOwnerOf(question: string, translated = false): string | undefined {
  // A translation has no "is ... term of": "президенттің өкілеттік мерзімі" reads "President term", "срок полномочий
  // президента" "term President"; its lexicons capitalise offices and names.
  const m = (translated ? TRANSLATED_TERM_OWNER : TERM_OF).exec(question);
  const owner = m?.[1] ?? m?.[2];
  if (!owner) return undefined;
  const stems = words(owner).flatMap((w) => (w.term !== null && !w.term.startsWith('~') ? [w.term] : [])).slice(0, 4);
  return stems.length > 0 ? stems.join('|') : undefined;
}

/** Two or more capitalised words, joined by spaces or "of (the)", "for", "on" ("Commissioner for Human Rights"). */
const CAPITALISED_NAME = /(?<![\p{L}])\p{Lu}[\p{Ll}'’-]+(?:\s+(?:(?:of|for|on)\s+(?:the\s+)?)?\p{Lu}[\p{Ll}'’-]+)+/gu;
const TWO_CAPITALISED = /\p{Lu}\p{Ll}+\s+(?:(?:of|for|on)\s+(?:the\s+)?)?\p{Lu}/u;
const NAME_LINKS = new Set(['of', 'for', 'on', 'the']);
const CALENDAR = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * The institutions a question names by capitalised everyday words: "the Constitutional Court" → [constitutional,
 * court]. A person's name ("Nurlan Abdirov") is no dictionary word, and the question's first word is capitalised
 * anyway; a month before a name ("the 30 May Dialogue Platform") is not part of it. `groups`: the ranges of a
 * translated question that render one word of the original (see translate.ts).
 */
export function namedInstitutions(question: string, groups: ReadonlyArray<{ start: number; end: number }> = [], translated = false): string[][] {
  const out: string[][] = [];
  // Most questions have no two capitalised words in a row: those are done at once.
  if (!TWO_CAPITALISED.test(question)) return out;
  // A sentence's first word is capitalised whatever it is; a translation's capitals are its lexicon's ("Constitutional Court work when ...").
  const body = translated ? question : question.replace(/^\W*\p{L}+/u, (first) => first.toLowerCase());
  for (const m of body.matchAll(CAPITALISED_NAME)) {
    // One of a translated word's several renderings ("Ministry of Justice" or "justness") is no name the asker wrote.
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (groups.some((g) => g.start <= start && end <= g.end && (g.start < start || end < g.end))) continue;
    const names = m[0].split(/\s+/).map((w) => w.toLowerCase().replace(/['’]s?$/, '')).filter((w) => !NAME_LINKS.has(w));
    while (names.length > 0 && CALENDAR.has(names[0]!)) names.shift();
    if (names.length >= 2 && names.every((w) => knowsWord(w))) out.push(names);
  }
  return out;
}

// analyseQuestion's parts are functions of their own: one function of all of them took the optimizing compiler
// over 100 ms, on a background thread that competes with queries on a small machine.

/** The question's content words as units: cue words, repeats and fragments left out; a lexicon group's words in one unit. */
function questionUnits(
  ws: readonly Word[],
  contentWords: readonly Word[],
  cues: ReadonlySet<number>,
  original: readonly Word[],
  type: AnswerType,
  vocabulary: Vocabulary,
  corrected: ReadonlySet<number>,
  language: TextLanguage,
  allGroups: AnalyseOptions['groups'],
  translated: boolean,
): QueryUnit[] {
  const terms = termsOfWords(ws);
  // A translated question keeps its language's word order: after "which" ("қай университетте сабақ береді",
  // "which university teaches") the noun is what is asked for, and the next word is often the verb.
  const focusStarts = focusWords(ws, cues, translated ? 1 : 2);
  // "used to appoint": "used" only says the past was different, it is not looked for ("used for" still is).
  const habitStarts = new Set<number>();
  // "used to", and "going to" before a verb (the future, "What is going to happen"): grammar, not what is asked about.
  for (let i = 0; i + 1 < ws.length; i++) {
    const [word, next] = [ws[i]!.surface.toLowerCase(), ws[i + 1]!.surface.toLowerCase()];
    if ((word === 'used' || word === 'going') && next === 'to' && (word === 'used' || (ws[i + 2] !== undefined && !/^the$|^an?$/i.test(ws[i + 2]!.surface)))) habitStarts.add(ws[i]!.start);
  }
  // Which group each content word belongs to, found on the words before spelling correction (same count and order).
  const originalContent = original.filter((w) => w.term !== null);
  const groups = allGroups && contentWords.length === originalContent.length ? allGroups : undefined;
  const units: QueryUnit[] = [];
  const unitOfGroup = new Map<number, QueryUnit>();
  const seen = new Set<string>();
  for (let position = 0; position < contentWords.length; position++) {
    const word = contentWords[position]!;
    const term = word.term!;
    if (cues.has(word.start) || (type === 'role' && ROLE_CUES.has(term)) || seen.has(term) || habitStarts.has(word.start)) continue;
    // "(3)", "2)": a small number the corpus lacks numbers a list or a retry, it does not ask for anything.
    // Unknown one- or two-character words ("pl", "ok") are fragments or chat, not what is asked about.
    if ((/^\d{1,2}$/.test(term) || word.surface.length <= 2) && !vocabulary.hasTerm(term)) continue;
    seen.add(term);
    const concepts: string[] = [];
    for (const t of terms) if (t.term.startsWith(CONCEPT_PREFIX) && t.position <= position && position < t.position + t.span) concepts.push(t.term);
    let group = -1;
    if (groups) {
      const start = originalContent[position]!.start;
      group = groups.findIndex((g) => start >= g.start && start < g.end);
    }
    const unit = group >= 0 ? unitOfGroup.get(group) : undefined;
    if (unit) {
      unit.alternatives.push(term);
      for (const c of concepts) if (!unit.concepts.includes(c)) unit.concepts.push(c);
      unit.focus ||= focusStarts.has(word.start);
      continue;
    }
    const created: QueryUnit = { surface: word.surface, term, alternatives: [], concepts, related: [], broader: [], similar: [], everyday: language === 'en' ? everydayUse(word.surface) : 0, position, corrected: corrected.has(word.start), focus: focusStarts.has(word.start) };
    if (language === 'en') {
      const next = ws[ws.indexOf(word) + 1];
      if (next !== undefined && PARTICLE.test(next.surface) && /^[a-z]+$/i.test(word.surface)) created.phrasal = `${word.surface.toLowerCase()}_${next.surface.toLowerCase()}`;
      else if (!translated && next !== undefined && next.term !== null && /^[a-z]+$/i.test(word.surface) && canBe(word.surface, 'adj') && canBe(next.surface, 'noun')) created.modifier = true;
    }
    if (group >= 0) unitOfGroup.set(group, created);
    units.push(created);
  }
  return units;
}

/** The particles of English phrasal verbs ("kick off", "sum up", "take part"). */
const PARTICLE = /^(?:up|off|out|down|over|on|in|back|away|through|part)$/i;

const COUNTED_PHRASE_END = /\s(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|should|in|at|on|from|for|by|to|during|after|before|with)\b/;

/** For "how many X": the terms of X, which a number in the answer should count. */
function countedTermsOf(fixedText: string): Set<string> {
  const countedTerms = new Set<string>();
  const lower = fixedText.toLowerCase();
  const m = /\bhow\s+(?:many|much|long)\s+(.*)$|\bnumber\s+of\s+(.*)$/.exec(lower);
  // The noun phrase counted ends at its verb: "how many local voting commissions did ..." counts commissions.
  const tail = (m ? (m[1] ?? m[2] ?? '') : '').split(COUNTED_PHRASE_END)[0]!;
  const headWords = termsOfWords(words(tail)).filter((t) => t.position < 3);
  for (const t of headWords) countedTerms.add(t.term);
  return countedTerms;
}

/** The content words but cue words, and (expanding) the first WordNet relations of each unit that the corpus has. */
function searchTextOf(contentWords: readonly Word[], cues: ReadonlySet<number>, units: readonly QueryUnit[], vocabulary: Vocabulary, expand: boolean): string {
  // A loop, not filter/map/join: an empty array from filter has another kind than a full one, which deoptimizes.
  let searchText = '';
  let searched = 0;
  for (const w of contentWords) if (!cues.has(w.start)) searchText += searched++ === 0 ? w.surface : ` ${w.surface}`;
  if (expand) {
    const extra: string[] = [];
    const asked = new Set<string>();
    for (const unit of units) for (const t of [unit.term, ...unit.alternatives, ...unit.concepts]) asked.add(t);
    for (const unit of units) extra.push(...expandUnit(unit, vocabulary, asked));
    if (extra.length > 0) searchText += ` ${extra.join(' ')}`;
  }
  return searchText;
}

/** How questions start, in English, Russian and Kazakh (a translated question keeps the original's flag). */
const QUESTION_START = /^\W*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|tell|list|name|кто|что|какой|какая|какое|какие|когда|где|почему|зачем|сколько|как|ли|кім|не|қай|қашан|қайда|неге|неше|қанша|қалай)(?![\p{L}])/iu;

/** "Who is/was/became the ...", "who's the ...", "who heads/chairs/leads ...", "who from / at the ministry ..." (in chat lowercase too). */
const WANTS_NAME = /^\W*who(?:'s|\s+(?:is|was|are|were|became|becomes|will\s+become|has\s+become)\s+(?:the|a|an|now|currently)\b|\s+(?:heads?|headed|chairs?|chaired|leads?|led)\b|\s+(?:from|at)\s+(?:the\s+)?\p{L})/iu;

/** "What was the margin of error of ...?", "What is the population?": the noun phrase asked for, before a preposition or the end. */
const PREPOSITION = '(?:of|in|for|on|at|during|after|before|from|by|to|between|among)\\b';
const ASKS_FOR = new RegExp(`^\\W*(?:what|which)(?:'s|\\s+(?:is|was|are|were))\\s+(?:the\\s+|an?\\s+)?((?:(?!${PREPOSITION})[\\p{L}-]+\\s+){0,2}(?!${PREPOSITION})[\\p{L}-]+)\\s*(?:\\b${PREPOSITION}|[?.!]*\\s*$)`, 'iu');

/** "Who is Kazakhstan's Minister of Justice?", "who's the current foreign minister", "What is the name of the Prosecutor General?": who holds an office. */
/** Office words: "Who is the <office>?" wants the person holding it (see abstention's office checks, which share the list). */
export const OFFICE_WORDS = ['minister', 'chairman', 'chairwoman', 'chairperson', 'chair', 'director', 'president', 'secretary', 'prosecutor', 'ambassador', 'commissioner', 'ombudsman', 'rector', 'dean', 'governor', 'mayor', 'speaker', 'head', 'leader'];
const OFFICE_HOLDER = new RegExp(`^\\W*(?:who(?:'s|\\s+(?:is|was|are|were))|what(?:'s|\\s+(?:is|was))\\s+(?:the\\s+)?name\\s+of)\\s+((?:[\\p{L}'’-]+\\s+){0,3}?)(?:${OFFICE_WORDS.join('|')})s?\\b`, 'iu');
/** Words before the office that make it another question: "Who was appointed by the chairman?". */
const NOT_OFFICE_LEAD = /(?:ed|ing)\s|\b(?:by|to|for|with|at|in|on|from|about)\s/i;

function asksOfficeHolder(question: string): boolean {
  const m = OFFICE_HOLDER.exec(question);
  return m !== null && !NOT_OFFICE_LEAD.test(m[1]!);
}

/**
 * The words naming an office's institution in a question: up to three after the office ("chairman of the
 * Constitutional Court", "председатель Конституционного суда" read as "chairman constitutional court") or two
 * before it ("CEC chairman", "human rights commissioner"), up to a function word, a rank or a verb form.
 */
function officeOfQuestion(question: string): { officeOf?: string[] } {
  const ws = question.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean).map((w) => w.replace(/['’]s$/, ''));
  const at = ws.findIndex((w) => OFFICE_WORDS.includes(w) || (w.endsWith('s') && OFFICE_WORDS.includes(w.slice(0, -1))));
  if (at === -1) return {};
  const out: string[] = [];
  let i = at + 1;
  if (ws[i] === 'of' || ws[i] === 'for') i += ws[i + 1] === 'the' ? 2 : 1;
  for (let n = 0; n < 3 && i < ws.length && namesInstitutionWord(ws[i]!); n++, i++) out.push(ws[i]!);
  for (let j = at - 1, n = 0; n < 2 && j >= 0 && namesInstitutionWord(ws[j]!); n++, j--) out.unshift(ws[j]!);
  return out.length > 0 ? { officeOf: out } : {};
}
/** Can a question word next to an office be part of its institution's name (not a function word, a rank, a verb form)? */
function namesInstitutionWord(w: string): boolean {
  return !NOT_INSTITUTION_WORDS.has(w) && !OFFICE_WORDS.includes(w) && !isFramingWord(w) && !/ing$/.test(w) && /^\p{L}/u.test(w);
}

/** A word that frames the question or is chat ("again", "whos", "tbh"): it names no institution either. */
export function isFramingWord(word: string): boolean {
  return CUE_WORDS.has(word) || CHAT_FORMS.has(word);
}

/** Question words that name no institution: question and function words, ranks, "current", "name", "Kazakhstan", events ("conference"). */
export const NOT_INSTITUTION_WORDS: ReadonlySet<string> = new Set(['who', 'whom', 'whose', 'what', 'which', 'that', 'the', 'a', 'an', 'is', 'was', 'were', 'are', 'be', 'been', 'of', 'for', 'and', 'or', 'in', 'at', 'on', 'to', 'from', 'by', 'with', 'about', 'during', 'after', 'before', 'now', 'its', 'his', 'her', 'their', 'current', 'currently', 'new', 'first', 'then', 'name', 'called', 'kazakhstan', 'country', 'deputy', 'vice', 'former', 'acting', 'assistant', 'ex', 'spoke', 'said', 'did', 'does', 'do', 'has', 'had', 'have', 'will', 'would', 'can', 'could', 'conference', 'meeting', 'session', 'event', 'forum', 'summit', 'year', 'day']);

const WH_WORDS = new Set(['which', 'what', 'who', 'whom', 'whose']);
const STATE_ADJECTIVES = new Set(['existing', 'current', 'present', 'former', 'previous', 'old', 'earlier', 'then']);
const LINKING = new Set(['is', 'are', 'was', 'were', 'become', 'became', 'becomes', 'the', 'a', 'an', 'kind', 'kinds', 'type', 'types', 'sort', 'of']);

/** Start offsets of the one or two content words that follow the question word, skipping "is the", "kind of". */
function focusWords(ws: readonly Word[], cues: ReadonlySet<number>, run = 2): Set<number> {
  const out = new Set<number>();
  const at = ws.findIndex((w) => WH_WORDS.has(w.surface.toLowerCase().replace(/'s$/, '')));
  if (at === -1) return out;
  let i = at + 1;
  while (i < ws.length && LINKING.has(ws[i]!.surface.toLowerCase())) i += 1;
  for (let n = 0; n < run && i < ws.length; n++, i++) {
    const w = ws[i]!;
    // "What Abdirov said about ...": the words before a reporting verb are who spoke, not what is asked for.
    if (REPORTING_WORDS.has(w.surface.toLowerCase())) return new Set();
    if (w.term === null || cues.has(w.start) || /^\d/.test(w.surface)) break;
    out.add(w.start);
  }
  if (i < ws.length && REPORTING_WORDS.has(ws[i]!.surface.toLowerCase())) return new Set();
  return out;
}

/**
 * "did the sco send observers": an acronym the corpus never uses, of a name it spells out, is read as that name. A
 * lowercase word that is an everyday English word ("art", "car") is that word, not initials (WordNet lists "mfa" and
 * "osce" too, but nobody types them as words), and so is a capitalised one.
 */
function expandAcronyms(question: string, vocabulary: Vocabulary): string {
  if (!vocabulary.expandAcronym) return question;
  let out = '';
  let last = 0;
  ACRONYM_CANDIDATE.lastIndex = 0;
  for (let m = ACRONYM_CANDIDATE.exec(question); m !== null; m = ACRONYM_CANDIDATE.exec(question)) {
    const word = m[0];
    const lower = word.toLowerCase();
    // Initials are typed in capitals or, in chat, in lowercase: "What", "Did" are words.
    if (word !== lower && word !== word.toUpperCase()) continue;
    // Chat and cue words ("re the vote", "tbh") are no initials either.
    if (word === lower && CUE_WORDS.has(lower)) continue;
    const name = vocabulary.expandAcronym(word);
    if (!name || vocabulary.hasTerm(lower)) continue;
    // Stop words ("is", "at") are never initials; nor is a word the corpus has, or a lowercase English word.
    const own = words(word);
    if (own.length !== 1 || own[0]!.term === null || vocabulary.hasTerm(own[0]!.term) || (word === lower && knowsWord(lower) && everydayUse(lower) > 0)) continue;
    out += question.slice(last, m.index) + name;
    last = m.index + word.length;
  }
  return last === 0 ? question : out + question.slice(last);
}
const ACRONYM_CANDIDATE = /(?<![\p{L}\p{N}'’-])\p{L}{2,6}(?![\p{L}\p{N}'’-])/gu;

const POSSESSIVE = /\p{L}['’]s$/u;

/** Replaces words the corpus does not know by a close corpus word, so "poling stations" finds "polling stations". */
function correctSpelling(question: string, ws: readonly Word[], vocabulary: Vocabulary, language: TextLanguage): string {
  let out = '';
  let last = 0;
  for (const whole of ws) {
    // "contry's": the word is corrected, its possessive kept.
    const w = POSSESSIVE.test(whole.surface) ? { ...whole, surface: whole.surface.slice(0, -2), end: whole.end - 2 } : whole;
    if (w.term === null || !/^\p{L}{3,}$/u.test(w.surface) || vocabulary.hasTerm(w.term) || CUE_WORDS.has(w.surface.toLowerCase()) || REPORTING_WORDS.has(w.surface.toLowerCase())) continue;
    // A misspelt stop word ("ther", "abot", "becuase") is not a rare word to look for.
    const stopWord = language === 'en' ? misspeltStopWord(w.surface) : null;
    // "awere" and "awre" are one slip from "were" / "are" and from the corpus's "aware": a word of four letters or more is read as the
    // corpus word, the one that can be looked for.
    if (stopWord !== null && !knowsWord(w.surface) && !(w.surface.length >= 4 && vocabulary.closestWord(w.surface.toLowerCase()) !== null)) {
      out += question.slice(last, w.start) + stopWord;
      last = w.end;
      continue;
    }
    if (w.surface.length < 4) continue;
    // A corpus word first; else, in English, a dictionary word (whose WordNet relations may be in the corpus).
    // A capitalised word inside the question is a name: a corpus name it is a slip from ("Abdrasulov"), never a
    // dictionary word ("Karin" is not "Karen").
    const name = w.start > 0 && /^\p{Lu}/u.test(w.surface);
    const replacement = vocabulary.closestWord(w.surface.toLowerCase()) ?? (language === 'en' && !name ? dictionaryCorrection(w.surface) : null);
    // A four-letter word is only corrected for a dropped letter ("cort" → "court"): one changed letter turns real
    // words into other real words ("snow" → "show").
    if (!replacement || (w.surface.length === 4 && replacement.length <= 4 && !swapsTwoLetters(w.surface.toLowerCase(), replacement.toLowerCase()))) continue;
    // "relatives" is no slip for the corpus's "relations": a dictionary word is left alone when the dictionary itself
    // relates it to the word it would become (its synonyms are matched with their own, lower, credit).
    if (knowsWord(w.surface) && synonymOf(w.surface, replacement)) continue;
    out += question.slice(last, w.start) + replacement;
    last = w.end;
  }
  return last === 0 ? question : out + question.slice(last);
}

/** Is `other` (by its term) a WordNet synonym of `word`? */
function synonymOf(word: string, other: string): boolean {
  const target = termOfRelated(other.toLowerCase());
  return target !== null && relatedTerms(word).some((r) => r.relation === 'synonym' && r.term === target);
}

/** "itme" for "item": two neighbouring letters swapped, a slip of the fingers, not another word. */
function swapsTwoLetters(typed: string, word: string): boolean {
  if (typed.length !== word.length) return false;
  const at = [...typed].findIndex((c, i) => c !== word[i]);
  return at >= 0 && typed[at] === word[at + 1] && typed[at + 1] === word[at] && typed.slice(at + 2) === word.slice(at + 2) && !knowsWord(typed);
}

const NUMBER_WORD = /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|first|second|third)$/i;

/** Related (and broader) corpus terms kept per word, closest relations first: each is matched against every candidate. */
const MAX_EXPANSIONS = 6;
/** Of the words WordNet relates to a unit's word, the first few the first stage also searches for. */
const SEARCHED_EXPANSIONS = 3;

/**
 * Fills a unit's `related` and `broader` terms with the WordNet relations of its word that occur in the corpus
 * (other words are no use to match), and, for a word the corpus lacks or rarely uses and WordNet gives no synonym
 * of there, `similar` with its word-vector neighbours; returns the words the first stage should search for too.
 */
function expandUnit(unit: QueryUnit, vocabulary: Vocabulary, asked: ReadonlySet<string>): string[] {
  // "a regular or an extraordinary one": WordNet's senses of a number word (unity, ace, cardinal) are not what is meant.
  if (NUMBER_WORD.test(unit.surface)) return [];
  const own = [unit.term, ...unit.alternatives, ...unit.concepts];
  const searched: string[] = [];
  const phrasal = unit.phrasal === undefined ? [] : corpusRelatedTerms(unit.phrasal, vocabulary);
  for (const { word, relation, term } of phrasal.length > 0 ? phrasal : corpusRelatedTerms(unit.surface, vocabulary, unit.modifier === true)) {
    if (own.includes(term)) continue;
    own.push(term);
    const list = relation === 'synonym' || relation === 'derived' ? unit.related : unit.broader;
    if (list.length >= MAX_EXPANSIONS) continue;
    list.push(term);
    if (searched.length < SEARCHED_EXPANSIONS && (relation === 'synonym' || relation === 'derived')) searched.push(word);
  }
  if (unit.related.length === 0 && wantsNeighbours(unit, vocabulary)) {
    const absent = !ownInCorpus(unit, vocabulary);
    for (const { word, similarity, term } of corpusNeighbourTerms(unit.surface, vocabulary)) {
      // A neighbour the question asks for anyway ("prime" → "minister") is no second way of saying this word.
      if (own.includes(term) || asked.has(term)) continue;
      own.push(term);
      unit.similar.push({ term, similarity });
      if (absent && searched.length < SEARCHED_EXPANSIONS && unit.similar.length <= SEARCHED_NEIGHBOURS) searched.push(word);
      if (unit.similar.length >= MAX_NEIGHBOURS) break;
    }
  }
  return searched;
}

/** Corpus terms of word-vector neighbours kept per word: they are weaker evidence than WordNet's relations. */
const MAX_NEIGHBOURS = 4;
/** Of them, how many the first stage searches for, when the corpus lacks the word itself. */
const SEARCHED_NEIGHBOURS = 2;
/** A word found in at most this many corpus sentences is rare enough that a paraphrase of it may be what the text says. */
const RARE_IN_CORPUS = 2;

/**
 * Word-vector neighbours are for the content words a paraphrase hides, those the corpus lacks or rarely has: never
 * for a name or an abbreviation (written with capitals; their neighbours are other names) or a number.
 */
function wantsNeighbours(unit: QueryUnit, vocabulary: Vocabulary): boolean {
  if (!/^[a-z]{3,}$/.test(unit.surface)) return false;
  for (const t of [unit.term, ...unit.alternatives, ...unit.concepts]) if (vocabulary.documentFrequency(t) > RARE_IN_CORPUS) return false;
  return true;
}

function ownInCorpus(unit: QueryUnit, vocabulary: Vocabulary): boolean {
  if (vocabulary.hasTerm(unit.term)) return true;
  for (const t of unit.alternatives) if (vocabulary.hasTerm(t)) return true;
  for (const t of unit.concepts) if (vocabulary.hasTerm(t)) return true;
  return false;
}

type NeighbourTerm = { word: string; similarity: number; term: string };
const corpusNeighbours = new WeakMap<Vocabulary, Map<string, readonly NeighbourTerm[]>>();

/** The word's neighbours in the shipped table whose terms the corpus has, closest first (remembered per corpus, bounded). */
function corpusNeighbourTerms(surface: string, vocabulary: Vocabulary): readonly NeighbourTerm[] {
  let known = corpusNeighbours.get(vocabulary);
  if (!known) corpusNeighbours.set(vocabulary, (known = new Map()));
  const key = surface.toLowerCase();
  let list = known.get(key);
  if (!list) {
    list = (embeddingNeighbours()?.neighbours(key) ?? []).flatMap(({ word, similarity }) => {
      const term = plainTerm(word);
      return term !== null && vocabulary.hasTerm(term) ? [{ word, similarity, term }] : [];
    });
    if (known.size >= 20_000) known.clear();
    known.set(key, list);
  }
  return list;
}

type RelatedTerm = { word: string; relation: string; term: string };

const corpusRelated = new WeakMap<Vocabulary, Map<string, readonly RelatedTerm[]>>();

/** relatedTerms of a word that the corpus has (the others are never matched), remembered per corpus, bounded. */
function corpusRelatedTerms(surface: string, vocabulary: Vocabulary, asAdjective = false): readonly RelatedTerm[] {
  let known = corpusRelated.get(vocabulary);
  if (!known) corpusRelated.set(vocabulary, (known = new Map()));
  const word = surface.toLowerCase();
  return known.get(relationsKey(word, asAdjective)) ?? rememberCorpusRelated(word, asAdjective, vocabulary, known);
}

/** The miss path of corpusRelatedTerms, a function of its own so that the compiler does not fold it into the hit path. */
function rememberCorpusRelated(word: string, asAdjective: boolean, vocabulary: Vocabulary, known: Map<string, readonly RelatedTerm[]>): readonly RelatedTerm[] {
  const list = relatedTerms(word, asAdjective).filter((r) => vocabulary.hasTerm(r.term));
  if (known.size >= 20_000) known.clear();
  known.set(relationsKey(word, asAdjective), list);
  return list;
}

/** A word's key in the relation caches: its adjective senses are remembered apart from all of them. */
const relationsKey = (word: string, asAdjective: boolean) => (asAdjective ? `${word} adj` : word);

const relatedTermsOf = new Map<string, readonly RelatedTerm[]>();

/** A word's WordNet relations with the term each stands for (the same for every corpus: remembered, bounded). */
function relatedTerms(surface: string, asAdjective = false): readonly RelatedTerm[] {
  const word = surface.toLowerCase();
  const key = relationsKey(word, asAdjective);
  let list = relatedTermsOf.get(key);
  if (!list) {
    list = relatedWords(word, asAdjective).flatMap(({ word: related, relation }) => {
      const term = termOfRelated(related);
      return term === null ? [] : [{ word: related, relation, term }];
    });
    if (relatedTermsOf.size >= 20_000) relatedTermsOf.clear();
    relatedTermsOf.set(key, list);
  }
  return list;
}

/** A single word's own term, not its thesaurus concept: a neighbour is matched as the word it is. */
function plainTerm(word: string): string | null {
  for (const t of termsOf(word)) if (!t.term.startsWith(CONCEPT_PREFIX)) return t.term;
  return null;
}

/** The one term a WordNet word or phrase stands for: a single word's term, or a phrase's thesaurus concept. */
function termOfRelated(word: string): string | null {
  const list = termsOf(word);
  const concept = list.find((t) => t.term.startsWith(CONCEPT_PREFIX) && t.span === list.filter((x) => !x.term.startsWith(CONCEPT_PREFIX)).length);
  if (concept) return concept.term;
  return list.length === 1 ? list[0]!.term : null;
}


/** Every choice of the words in their order (2^n - 1 of them; callers keep n small). */
function orderedSubsets(words: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << words.length; mask++) out.push(words.filter((_, i) => (mask & (1 << i)) !== 0));
  return out;
}

/** Initials: two capitals or more in one word ("CEC", "KazISS", "OSCE"). */
const INITIALISM = /^\p{Lu}\p{L}*\p{Lu}\p{L}*$/u;

/**
 * Where a sentence says what X is: "X, a lower chamber ...", "X is the ...", "..., X, said", "X (the ...)".
 * Case-insensitive; the last word of X may be inflected ("Mazhilis" / "Mazhilis's"). As the one pattern
 * `X\S{0,2}(?:\s*,\s*(?:an?|the|\p{Ll})|\s+(?:is|are|was|were)\s+(?:an?|the)\b|\s*\(|\s*[–—])|,\s*X\s*,` (flags iu), but
 * in two steps: a case-insensitive \p{Ll} takes V8 about 0.3 ms to compile, so what may follow X is compiled
 * once, and each question compiles only X. Every occurrence of X is tried, overlapping ones included.
 */
export class DefinitionPattern {
  private readonly subject: RegExp;
  /** "the commission is a / was the ...": the subject's head noun with the article, once the subject is named. */
  private readonly head: RegExp | null;

  /**
   * `loose`: the subject is a translation, whose words may be several renderings of one word ("fair justice state"
   * for "справедливое государство"): any two or more of them in order stand for it.
   */
  constructor(subject: string, { loose = false } = {}) {
    const words = subject.split(/\s+/).filter(Boolean);
    const forms = loose && words.length >= 3 && words.length <= 5 ? orderedSubsets(words).filter((s) => s.length >= 2) : [words];
    // A lexicon's rendering of initials is the initials and what they stand for ("KazISS Kazakhstan Institute ..."): the initials alone name it too.
    if (loose) for (const w of words) if (INITIALISM.test(w)) forms.push([w]);
    this.subject = new RegExp(forms.map((f) => f.map(escapeRegExp).join('\\s+')).sort((a, b) => b.length - a.length).join('|'), 'giu');
    // "the Central Election Commission" is "the commission" once named: "... said that the commission was the first ...".
    const head = words.at(-1);
    this.head = !loose && words.length >= 2 && head && /^\p{L}{4,}$/u.test(head) ? new RegExp(`\\b[Tt]he\\s+${escapeRegExp(head.toLowerCase())}\\s+(?:is|was)\\s+(?:an?|the)\\b`, 'u') : null;
  }

  test(text: string): boolean {
    if (this.head?.test(text)) return true;
    const subject = this.subject;
    subject.lastIndex = 0;
    for (let m = subject.exec(text); m !== null; m = subject.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      DEFINITION_AFTER.lastIndex = end;
      if (DEFINITION_AFTER.test(text) || APPOSITION_BEFORE.test(text.slice(Math.max(0, start - 80), start)) || (start <= 80 && OPENING_APPOSITION.test(text.slice(0, start)))) return true;
      if (commaBefore(text, start)) {
        COMMA_AFTER.lastIndex = end;
        if (COMMA_AFTER.test(text)) return true;
      }
      subject.lastIndex = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    }
    return false;
  }
}

/** What follows X where a sentence says what it is (sticky: tried right where X ends). */
// ("\p{Ll}" under the i flag would match capitals too: "“KazISS GPS”, Yerkin Tukumov noted" says what X is not.)
const DEFINITION_AFTER = /\S{0,2}(?:\s*,\s*(?:[Aa]n?\b|[Tt]he\b|(?!\p{Ll}+ed\b)\p{Ll})|\s+(?:is|are|was|were)\s+(?:an?|the)\b|\s+(?:will\s+|would\s+|shall\s+)?(?:act|acts|acted|serve|serves|served|function|functions)\s+as\b|\s*\(|\s*[–—])/uy;
/** What comes before X where a sentence names what it is: "the national expert platform “KazISS GPS”" (a common noun, not "of the"). */
const KIND_BEFORE = '(?:[\\p{L}-]+\\s+){0,3}(?!(?:the|an?|of|in|on|at|by|for|to|and|or|with|from|under)\\s)\\p{Ll}[\\p{Ll}-]+\\s*["“«]?$';
const APPOSITION_BEFORE = new RegExp(`\\b(?:[Tt]he|an?|its|their)\\s+${KIND_BEFORE}`, 'u');
/** The same at the sentence's start, with no article: "Political scientist Timur Shaimergenov believes ...". */
const OPENING_APPOSITION = new RegExp(`^\\s*${KIND_BEFORE}`, 'u');
const COMMA_AFTER = /\s*,/uy;
const SPACE = /\s/u;

/** Is the text before `at` a comma and then only white space? */
function commaBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && SPACE.test(text[i]!)) i -= 1;
  return i >= 0 && text[i] === ',';
}
