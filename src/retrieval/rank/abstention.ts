/**
 * "Not in my sources": whether the best sentence found answers the question at all, decided from evidence about
 * the question and that sentence by a logistic model calibrated on the tune sets (scripts/calibrate-abstention.ts;
 * the coefficients are in abstention-model.ts). Pure functions over a question's units and its best sentences.
 */
import { hasCyrillic } from '../../language.ts';
import { FORMAT_CONCEPT, isFramingWord, LENGTH_OF_TIME, NOT_INSTITUTION_WORDS, OFFICE_WORDS, type AnswerType } from '../query/question.ts';
import { NUMBER_NAMES, terms } from '../text/tokenizer.ts';
import { knowsWord } from '../query/wordnet.ts';
import { ABSTENTION_MODEL } from './abstention-model.ts';
import { CLOCK_TIME, FULL_DATE } from './answer-types.ts';
import { focusIsUnknown, type PassageScore, type WeightedUnit } from './ranker.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** The share of a translated question's weight in words no lexicon knows (left in Cyrillic, unknown to the corpus). */
export function untranslatedShare(units: readonly WeightedUnit[]): number {
  let total = 0;
  let untranslated = 0;
  for (const u of units) {
    total += u.weight;
    if (u.unknown && hasCyrillic(u.term)) untranslated += u.weight;
  }
  return total === 0 ? 0 : untranslated / total;
}

/** When the best sentence lacks the kind of answer asked for, a close runner-up that has it goes first. */
export const KIND = { runnerUpScore: 0.6, runnerUpCoverage: 0.8 };
const TIME_EXPRESSION = /\b(?:1[89]|20)\d{2}s?\b|\b(?:on|by|before|after|since|until)\s+(?:the\s+)?(?:day|eve|morning|evening|night)\s+of\b|\b(?:election|voting|polling)\s+day\b|\b(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\s+ago\b|\bfirst\s+time\s+in\s+(?:\w+\s+)?(?:years?|decades?)\b|\b(?:yesterday|today|tomorrow)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\d{1,2}[./]\d{1,2}[./]\d{2,4}/i;

const CYRILLIC_MONTHS = '(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)';
/** A date in Russian or Kazakh text: "5 июня", "июнь 2022", "2022 года", "2022 жылғы". */
const CYRILLIC_DAY = new RegExp(`\\d\\s*${CYRILLIC_MONTHS}`, 'iu');
const CYRILLIC_DATE = new RegExp(`\\d\\s*${CYRILLIC_MONTHS}|${CYRILLIC_MONTHS}\\p{L}*\\s+\\d{4}|\\d{4}\\s*(?:год|г\\.|жыл)`, 'iu');

/** What the answer-kind checks need to know of a question (an AnalysedQuestion has it all). */
export interface KindQuestion {
  type: AnswerType;
  asksClock?: boolean;
  asksMoney?: boolean;
  asksDay?: boolean;
  asksOutcome?: boolean;
  countsAskedThing?: boolean;
  claimedLength?: number;
  termOwner?: string;
  asksFormat?: boolean;
  wantsName?: boolean;
  surfaces?: ReadonlySet<string>;
  asksFor?: string;
  officeOf?: readonly string[];
  asksAbility?: boolean;
}

/**
 * "Who is the Minister of Foreign Affairs?" is not answered by "Deputy Minister of Foreign Affairs ...": a rank the
 * question does not name (deputy, vice, former, acting) makes another office. True when every mention of an office
 * the question names is so ranked.
 */
export function namesOtherRank(text: string, surfaces: ReadonlySet<string>): boolean {
  const checked = text.slice(0, 4000);
  let asksHead = false;
  for (const head of OFFICE_WORDS) {
    if (!surfaces.has(head)) continue;
    asksHead = true;
    let mentions = 0;
    let ranked = 0;
    for (const m of checked.matchAll(OFFICE_PATTERNS.get(head)!)) {
      mentions += 1;
      if (m[1] !== undefined && !surfaces.has(m[1].toLowerCase())) ranked += 1;
    }
    if (mentions > 0 && ranked === mentions) return true;
  }
  // "Who was the deputy chairman?" is not answered by "Deputy Minister ...": the rank asked about, of another office.
  if (!asksHead) return false;
  let other = false;
  for (const m of checked.matchAll(RANKED_OFFICE)) {
    const [rank, head] = [m[1]!.toLowerCase(), m[2]!.toLowerCase()];
    if (!surfaces.has(rank) || !OFFICE_WORDS.includes(head)) continue;
    if (surfaces.has(head)) return false;
    other = true;
  }
  return other;
}
/**
 * Does the sentence name the office asked about ("Who is the Foreign Minister?" is not answered by "Ambassador ... of
 * the Ministry of Foreign Affairs"), by its word or one for the same post (chairman, chair, head)? True when the
 * question names no office.
 */
export function mentionsOffice(text: string, surfaces: ReadonlySet<string>, officeOf?: readonly string[]): boolean {
  // "the Justice Ministry speaker at the session" spoke there; the Speaker is a legislature's.
  const asked = OFFICE_WORDS.filter((office) => (surfaces.has(office) || OFFICE_VERBS[office]?.some((verb) => surfaces.has(verb))) && (office !== 'speaker' || LEGISLATURE_WORDS.some((w) => surfaces.has(w))));
  if (asked.length === 0) return true;
  const checked = text.slice(0, 4000);
  // The institution the office belongs to, as the question names it ("of the Constitutional Court", "Foreign").
  const institution = [...surfaces].filter((w) => w.length >= 3 && /^\p{L}+$/u.test(w) && !OFFICE_WORDS.includes(w) && !NOT_INSTITUTION_WORDS.has(w) && !isFramingWord(w));
  for (const office of asked) {
    const post = SAME_POST.get(office)!;
    post.lastIndex = 0;
    for (let m = post.exec(checked); m !== null; m = post.exec(checked)) {
      const near = checked.slice(Math.max(0, m.index - INSTITUTION_REACH), m.index + m[0].length + INSTITUTION_REACH);
      // The holder may be named after the institution's long name ("Director of the Legislative Department of the Ministry of Justice of Kazakhstan Nazken Zhamaladin").
      const holder = checked.slice(Math.max(0, m.index - INSTITUTION_REACH), m.index + m[0].length + HOLDER_NAME_REACH);
      if ((institution.length === 0 || namesInstitution(near, institution, surfaces, officeOf)) && namesPerson(holder)) return true;
    }
  }
  return false;
}

const LEGISLATURE_WORDS = ['senate', 'mazhilis', 'majilis', 'parliament', 'parliamentary', 'house', 'chamber', 'legislature', 'assembly'];

/** A first name and a surname no dictionary knows ("Mukhtar Yerman"; not "Supreme Court", "Human Rights"). */
const NAME_PAIR = /(?<![\p{L}])\p{Lu}[\p{Ll}'’-]+\s+(\p{Lu}[\p{Ll}'’-]+)/gu;

/** Does the text name a person: "who is the secretary of X" is not answered by a list naming the post and nobody holding it. */
function namesPerson(text: string): boolean {
  for (const m of text.matchAll(NAME_PAIR)) if (!knowsWord(m[1]!.toLowerCase().replace(/['’]s$/, ''))) return true;
  return false;
}

/**
 * Does the text near an office name the question's institution: one of its words, the question's acronym spelled
 * out ("CEC": "the Central Election Commission"), or an acronym of the question's words ("KazISS": Kazakhstan
 * Institute for Strategic Studies)?
 */
function namesInstitution(near: string, institution: readonly string[], surfaces: ReadonlySet<string>, officeOf?: readonly string[]): boolean {
  const lower = near.toLowerCase();
  if (officeOf !== undefined && officeOf.length > 0) {
    // The institution as the question names it next to the office: every word of a short name ("constitutional
    // reform" does not name the Constitutional Court), all but one of a longer one.
    let named = 0;
    for (const w of officeOf) if (startsWord(lower, w)) named += 1;
    if (named >= (officeOf.length <= 2 ? officeOf.length : officeOf.length - 1)) return true;
  } else if (institution.some((w) => startsWord(lower, w))) return true;
  const spelledOut = [...near.matchAll(CAPITALISED_RUN)].map((m) => m[0].split(/\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?/).map((w) => w[0]!.toLowerCase()).join(''));
  if (institution.some((w) => w.length <= 6 && spelledOut.some((initials) => initials.includes(w)))) return true;
  // Every word of the question counts for the initials, "Kazakhstan" too (the K of KazISS); only function words do not.
  let initials = '';
  for (const w of surfaces) if (w.length >= 3 && /^\p{L}+$/u.test(w) && !FUNCTION_WORDS.has(w)) initials += w[0];
  for (const m of near.matchAll(ACRONYM)) {
    const letters = m[0].replace(/\P{Lu}/gu, '').toLowerCase();
    if (letters.length >= 2 && initials.includes(letters)) return true;
  }
  return false;
}

/** Does a word of the (lowercase) text start with `w`? */
function startsWord(text: string, w: string): boolean {
  for (let i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + 1)) if (i === 0 || !/\p{L}/u.test(text[i - 1]!)) return true;
  return false;
}

const FUNCTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'which', 'the', 'was', 'were', 'are', 'for', 'and', 'now', 'its']);
const CAPITALISED_RUN = /\p{Lu}\p{Ll}+(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?\p{Lu}\p{Ll}+)+/gu;
const ACRONYM = /\b\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*\b/gu;

/** "Who chaired X?" asks for the holder of X's chair as "Who was the chairman of X?" does ("Who headed X?" is asked of paraphrased bodies too loosely named to check). */
const OFFICE_VERBS: Partial<Record<string, string[]>> = { chair: ['chaired', 'chairs'] };

/** How far (in characters) from the office word its institution may be named ("Chairman of the Constitutional Court"). */
const INSTITUTION_REACH = 60;
const HOLDER_NAME_REACH = 160;
const CHAIR = ['chairman', 'chairwoman', 'chairperson', 'chair', 'chaired', 'head', 'heads', 'headed', 'leader', 'led', 'leads', 'president'];
const POSTS: Record<string, string[]> = {
  chairman: CHAIR, chairwoman: CHAIR, chairperson: CHAIR, chair: CHAIR,
  head: [...CHAIR, 'director', 'minister', 'secretary', 'commissioner', 'ombudsman', 'ambassador', 'rector', 'dean', 'governor', 'mayor', 'speaker', 'prosecutor'],
  leader: [...CHAIR, 'director', 'minister'],
  director: ['director', 'head', 'heads', 'headed'],
  president: ['president', 'head of state'],
  ombudsman: ['ombudsman', 'ombudswoman', 'commissioner'],
  commissioner: ['commissioner', 'ombudsman', 'ombudswoman'],
};
const SAME_POST = new Map(OFFICE_WORDS.map((office) => [office, new RegExp(`\\b(?:${(POSTS[office] ?? [office]).join('|')})s?\\b`, 'gi')]));

/** An amount of money: a currency or a budget. */
const MONEY = /(?<![\p{L}])(?:tenge|KZT|dollars?|USD|euros?|EUR|rubles?|roubles?|budget|funding|funds|тенге|рубл\p{L}*|доллар\p{L}*|бюджет\p{L}*|теңге)(?![\p{L}])|[₸$€£]\s?\d|\d\s?[₸$€£]/iu;

/** How a vote came out: a turnout, votes or ballots, a result, who won, what its observers concluded. */
const OUTCOME = /(?<![\p{L}])(?:concluded|assessed|found\s+that|verdict|violations|irregularities|free\s+and\s+fair|turnout|voted|votes|ballots|tall(?:y|ies)|outcome|won|(?:referendum|vote|voting|election|official|final|preliminary)\s+results?|results?\s+of\s+(?:the\s+)?(?:\p{L}+\s+)?(?:referendum|vote|voting|election|count)|voters|electorate|явк\p{L}*|итог\p{L}*|голос(?:ов|а|ами)?|проголосовал\p{L}*|голосовани\p{L}*|избирател\p{L}*|нәтиже\p{L}*|қорытынды\p{L}*|дауыс\s+бер\p{L}*|сайлаушы\p{L}*)(?![\p{L}])/iu;

const RANKS = 'deputy|vice|former|acting|assistant|ex';
const OFFICE_PATTERNS = new Map(OFFICE_WORDS.map((head) => [head, new RegExp(`(?:\\b(${RANKS})[\\s-]+)?\\b${head}\\b`, 'gi')]));
const RANKED_OFFICE = new RegExp(`\\b(${RANKS})[\\s-]+(\\p{L}+)`, 'giu');

/**
 * A question that asks for a date, a count, a share or a duration is only answered by a sentence that holds one:
 * "When was Tokayev born?" matches sentences about Tokayev, but none of them has a date of his birth. "What time
 * ...?" wants a time of day; "Who is the ...?" a person's name, holding that very office.
 */
export function holdsAnswerKind(question: KindQuestion, best: { fit: number; passage: { sentence: { text: string } } }): boolean {
  const { type } = question;
  if (question.asksClock) return CLOCK_TIME.test(best.passage.sentence.text.slice(0, 4000));
  if (question.asksMoney) return MONEY.test(best.passage.sentence.text.slice(0, 4000));
  if (question.asksOutcome) return OUTCOME.test(best.passage.sentence.text.slice(0, 4000));
  if (question.claimedLength !== undefined) return statesNumber(best.passage.sentence.text.slice(0, 4000), question.claimedLength);
  if (type === 'how_long' && question.termOwner !== undefined) return lengthOf(best.passage.sentence.text.slice(0, 4000), question.termOwner);
  if (question.asksDay) {
    const text = best.passage.sentence.text.slice(0, 4000);
    return FULL_DATE.test(text) || (hasCyrillic(text) && CYRILLIC_DAY.test(text));
  }
  if (type === 'who' && question.wantsName) {
    const surfaces = question.surfaces ?? new Set<string>();
    return best.fit > 0 && !namesOtherRank(best.passage.sentence.text, surfaces) && mentionsOffice(best.passage.sentence.text, surfaces, question.officeOf);
  }
  if (type === 'when') {
    if (best.fit > 0) return true;
    const text = best.passage.sentence.text.slice(0, 4000);
    return TIME_EXPRESSION.test(text) || (hasCyrillic(text) && CYRILLIC_DATE.test(text));
  }
  // "How many observers did the CSTO send?" is not answered by "six international organizations": the number must count what is asked about.
  if (type === 'how_many' && question.countsAskedThing) return best.fit >= 1;
  if (type === 'how_many' || type === 'percent' || type === 'how_long') return best.fit > 0;
  return true;
}

/**
 * Does the sentence offer the kind of answer asked for? As holdsAnswerKind, and for "who" a person or an office,
 * for "What is X?" a sentence that says what X is: a sentence about the topic without them is a weaker first answer.
 */
export function offersAnswerKind(question: KindQuestion, candidate: { fit: number; passage: { sentence: { text: string } } }): boolean {
  const { type } = question;
  // "Was it held in person?" is settled by a sentence naming how it was held ("via videoconference"), not one that only names the meeting.
  if (question.asksFormat && !terms(candidate.passage.sentence.text.slice(0, 4000)).some((t) => t.term === FORMAT_CONCEPT)) return false;
  // "What new power will the Ombudsman get?": a sentence saying what someone will be able to do.
  if (type === 'who' || type === 'define' || type === 'role' || question.asksAbility === true) return candidate.fit > 0 && holdsAnswerKind(question, candidate);
  return holdsAnswerKind(question, candidate);
}

/** A scored candidate as abstention sees it: its scores and its sentence. */
export interface EvidenceCandidate extends PassageScore {
  passage: { sentence: { text: string } };
}

/** A kind of answer no amount of matching words makes up for: a time of day, money, a day, an outcome, a count of X, an office holder's name. */
export function asksStrictKind(question: KindQuestion): boolean {
  const { type } = question;
  return question.claimedLength !== undefined || (type === 'how_long' && question.termOwner !== undefined) || (type === 'how_many' && question.countsAskedThing === true) || question.asksClock === true || question.asksMoney === true || question.asksDay === true || question.asksOutcome === true || (type === 'who' && question.wantsName === true);
}

/** Does the text state the number, in digits or (up to twelve) as a word? */
function statesNumber(text: string, n: number): boolean {
  const word = NUMBER_NAMES[n];
  return new RegExp(`(?<![\\d.,])${n}(?![\\d])${word ? `|\\b${word}\\b` : ''}`, 'i').test(text);
}

/** A length of time in a text: "a five-year term", "for 27 years". */
const LENGTH = new RegExp(LENGTH_OF_TIME.source, 'gi');
/** How far before a length its holder may be named ("... two members for a five-year term"). */
const HOLDER_REACH = 40;

/** The pattern of each term owner asked about (bounded): made once, not for every candidate. */
const HOLDERS = new Map<string, RegExp>();

/** Does the text give a length of time said of the owner (word stems joined by "|", one named just before it)? */
function lengthOf(text: string, owner: string): boolean {
  let holder = HOLDERS.get(owner);
  if (!holder) {
    holder = new RegExp(`(?<![\\p{L}])(?:${owner.split('|').map(escapeRegExp).join('|')})`, 'iu');
    if (HOLDERS.size >= 1000) HOLDERS.clear();
    HOLDERS.set(owner, holder);
  }
  for (const m of text.matchAll(LENGTH)) {
    const at = m.index ?? 0;
    if (holder.test(text.slice(Math.max(0, at - HOLDER_REACH), at))) return true;
  }
  return false;
}

/** The evidence the decision is made from, each a number (booleans as 0/1); names as in the model. */
export function abstentionFeatures(question: KindQuestion, units: readonly WeightedUnit[], scored: readonly EvidenceCandidate[], translated: boolean, keywords = false): Record<string, number> {
  const best = scored[0]!;
  const second = scored[1];
  let total = 0;
  let unknown = 0;
  let expanded = 0;
  for (const u of units) {
    total += u.weight;
    if (u.unknown) unknown += u.weight;
    if (u.expandedOnly) expanded += u.weight;
  }
  const { type } = question;
  const needsKind = type === 'when' || type === 'how_many' || type === 'percent' || type === 'how_long';
  const strict = asksStrictKind(question);
  return {
    coverage: best.coverage,
    knownCoverage: best.knownCoverage,
    missing: best.missing,
    unknownShare: total > 0 ? unknown / total : 1,
    expandedShare: total > 0 ? expanded / total : 0,
    focusUnknown: focusIsUnknown(units) ? 1 : 0,
    kindMissing: needsKind && !holdsAnswerKind(question, best) ? 1 : 0,
    // A time of day or an office holder's name asked for and not there: no amount of matching words makes up for it.
    strictKindMissing: strict && !holdsAnswerKind(question, best) ? 1 : 0,
    // "What was the official voter turnout?": the thing asked for is a word the sources never use, nor any relative of it.
    askedForUnknown: question.asksFor !== undefined && units.some((u) => u.unknown && u.surface.toLowerCase() === question.asksFor) ? 1 : 0,
    fit: best.fit,
    specific: best.specificMatch ? 1 : 0,
    translated: translated ? 1 : 0,
    untranslated: translated ? untranslatedShare(units) : 0,
    units: Math.log1p(units.length),
    margin: second && best.score > 0 ? 1 - second.score / best.score : 1,
    keywords: keywords && units.length <= 3 ? 1 : 0,
    // "What changed in Nazarbayev's status?": a person or place asked about that the sources never name.
    unknownName: units.some((u) => u.name === true && u.unknown && u.secondary !== true) ? 1 : 0,
  };
}

/** The model's probability that the best sentence answers the question. */
export function answerProbability(features: Record<string, number>): number {
  const { names, mean, scale, weights, bias } = ABSTENTION_MODEL;
  let z = bias;
  for (let i = 0; i < names.length; i++) z += weights[i]! * (((features[names[i]!] ?? 0) - mean[i]!) / scale[i]!);
  return 1 / (1 + Math.exp(-z));
}

/** More than half of the question's weight in words no lexicon could read. */
const MAX_UNTRANSLATED_SHARE = 0.5;

/** See shouldAnswer: neutral on the tune sets, it keeps short, fully understood questions answered. */
const STRONG_COVERAGE = 0.75;
/** See shouldAnswer: the same when no word of the question is missing (spent finals: 8 more right answers, 2 out-of-scope questions answered). */
const FOUND_COVERAGE = 0.5;

/** Answer, or say "not in my sources". */
export function shouldAnswer(features: Record<string, number>): boolean {
  if (features.specific !== 1 || features.strictKindMissing === 1 || features.askedForUnknown === 1 || features.unknownName === 1) return false;
  // Most of a Russian or Kazakh question is words no lexicon could read: whatever matched, it was not the question.
  if ((features.untranslated ?? 0) >= MAX_UNTRANSLATED_SHARE) return false;
  // A few keywords ("observers", "CEC chairman") all found in one sentence: a search, not a question to judge.
  if (features.keywords === 1 && (features.knownCoverage ?? 0) >= 0.999) return true;
  // Every word known, most of them in one sentence that holds the kind of answer asked for: short questions
  // ("how many polling stations") have too little else for the model to weigh.
  if ((features.coverage ?? 0) >= STRONG_COVERAGE && features.unknownShare === 0 && features.expandedShare === 0 && features.kindMissing === 0 && (features.fit ?? 0) >= 1) return true;
  // Every word found, in the sentence or around it (none missing), by half of the question's weight at least, and the
  // kind of answer asked for there: "How many people were interviewed in the KazISS survey?" (1,200 respondents).
  if ((features.coverage ?? 0) >= FOUND_COVERAGE && features.missing === 0 && features.unknownShare === 0 && features.kindMissing === 0 && (features.fit ?? 0) >= 1) return true;
  return answerProbability(features) >= ABSTENTION_MODEL.threshold;
}
