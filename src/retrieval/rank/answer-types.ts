import type { Passage } from '../corpus/passages.ts';
import { isPersonNoun } from '../query/wordnet.ts';
import { words } from '../text/tokenizer.ts';
import type { AnswerType, DefinitionPattern } from '../query/question.ts';
import type { NameRun } from './sentence-memo.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** A time of day: "at 7 a.m.", "20:00", "noon", "в 8 часов", "сағат 7-де". */
export const CLOCK_TIME = /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?![\p{L}])|\bo['’]clock\b|\bnoon\b|\bmidnight\b|\d{1,2}\s*(?:час|сағат)|сағат\s*\d/iu;

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
export const FULL_DATE = new RegExp(`\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?=\\W|$)|\\d{4}-\\d{2}-\\d{2})`, 'i');
const PARTIAL_DATE = new RegExp(`\\b(?:${MONTH}\\s+\\d{4}|(?:in|since|from|until|by)\\s+(?:19|20)\\d{2})\\b`, 'i');
/** Number words the tokenizer leaves as words (it reads "two" … "ninety" as digits). */
const NUMBER_WORDS = new Set(['hundr', 'hundred', 'thousand', 'million', 'billion', 'dozen']);
const DURATION_UNITS = new Set(['year', 'month', 'week', 'day', 'decad', 'hour', 'term', '~term']);
const NOT_NAME_WORDS = new Set(
  (
    'commission council court ministry republic parliament assembly organization organisation department institute office committee party union ' +
    'bureau foundation association agency program programme mission university school board platform affairs rights human nations development ' +
    'state states federation national central election electoral supreme constitutional constitution presidential administration president chairman ' +
    'minister director secretary deputy head professor ambassador embassy embassies commissioner people kazakhstan kazakh cooperation security treaty ' +
    'interparliamentary duma headquarters expert referendum law faculty disciplines higher economics eurasian strategic studies advisory consultative ' +
    'body dialogue dimension public european international democratic institutions january february march april may june july august september ' +
    'october november december monday tuesday wednesday thursday friday saturday sunday the a an in on of for and at to by as with from this that ' +
    'these it he she they we our his her their its according during after before opening members member representatives section article ' +
    'criminal legal legislative justice foreign islamic shanghai collective parliamentary world global united canadian russian ' +
    'prosecutor general ombudsman protection senate mazhilis government ministry ministries agency court courts'
  ).split(/\s+/),
);
/**
 * Offices and groups that answer "who" questions as well as names do ("the President appoints ..."), unless the
 * question names that office itself ("Who is the Ombudsman?" wants the person, not a sentence about the office).
 */
const ROLES = ['President', 'Parliament', 'Senate', 'Mazhilis', 'Ombudsman', 'Prosecutor General', 'Government', 'citizens', 'Constitutional Court', 'Supreme Council', 'Commissioner'];
const ROLE_PATTERNS = ROLES.map((role) => new RegExp(`\\b${role}\\b`));
const ROLE_WORDS = ROLES.map((role) => role.toLowerCase().split(' '));
/** A job title next to a name: "Usen Suleimen, Ambassador-at-Large of ...", "Director of the Legislative Department". */
const JOB_TITLE = /\b(?:Director|Deputy|Minister|Ambassador|Chairman|Chairwoman|Chair|Secretary|Head|Advisor|Adviser|Professor|professor|Commissioner|Ombudsman|Rector|Dean|Prosecutor|Senator|Spokesperson|Representative|director|head|chairman|deputy|advisor|adviser|editor-in-chief|associate professor|research fellow|scientist|candidate)\b/;
/** A sentence saying what part something plays: "will act as", "is aimed at", "will set the tone for". */
const PART_PLAYED = /\b(?:act|acts|acting|serve|serves|serving|function|functions)\s+as\b|\b(?:aimed|designed|intended|meant|called\s+upon)\s+(?:at|to)\b|\b(?:role|task|function|mission|purpose)\s+(?:of|is|was|will)\b|\bwill\s+(?:set|become|ensure|guarantee|protect|restore|strengthen|allow|enable|make|be\s+able)\b|\bplays?\s+(?:an?\s+|the\s+)?(?:\w+\s+)?role\b/i;
/** How far after the thing its part may be stated ("the Constitutional Court, to which citizens ..., is aimed at"). */
const PART_REACH = 80;

/** Words before a noun that do not say what kind it is ("the principles of democracy"). */
const NOT_A_KIND = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'this', 'that', 'these', 'those', 'its', 'their', 'our', 'his', 'her', 'in', 'to', 'for', 'with', 'on', 'by', 'as', 'at', 'from', 'is', 'are', 'was', 'were', 'new', 'such', 'any', 'some', 'all']);

/** Does the text name a kind of the thing: a qualifying word just before it ("direct democracy", "Advisory body")? */
function namesKindOf(text: string, thing: string): boolean {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(thing); at >= 0; at = lower.indexOf(thing, at + 1)) {
    if (at > 0 && /\p{L}/u.test(lower[at - 1]!)) continue;
    const before = /([\p{L}-]+)\s+$/u.exec(lower.slice(Math.max(0, at - 40), at))?.[1];
    if (before !== undefined && !NOT_A_KIND.has(before)) return true;
  }
  return false;
}

/** Does the sentence say what part the thing (a head noun: "court") plays, just after naming it? */
function statesPartPlayed(passage: Passage, holder: string): boolean {
  // Most sentences state no part at all: that is worked out once per sentence, whatever the thing asked about.
  const { partPlayed } = passage.memo;
  if (partPlayed[passage.index] === -1) partPlayed[passage.index] = PART_PLAYED.test(checkedText(passage)) ? 1 : 0;
  if (partPlayed[passage.index] === 0) return false;
  const text = checkedText(passage);
  const lower = text.toLowerCase();
  let at = lower.indexOf(holder);
  // Named by another word ("tribunal" for the court): the part played anywhere in the sentence.
  if (at < 0) return PART_PLAYED.test(text);
  for (; at >= 0; at = lower.indexOf(holder, at + 1)) {
    if (PART_PLAYED.test(text.slice(at + holder.length, at + holder.length + PART_REACH))) return true;
  }
  return false;
}

const SURNAME = /(?:ov|ova|ev|eva|yev|yeva|in|ina|enko|uly|kyzy|uli|bek|bekov|ovich|ovna)$/i;
const MAX_MEMO_NAMES = 50_000;
const CAPITALISED = /^[\p{Lu}][\p{Ll}\p{M}'’-]+$/u;

/**
 * The part of a sentence the answer-kind checks read: all of any real sentence, the start of a run-on one, so
 * that no search spends more than a few milliseconds on one candidate whatever the corpus holds.
 */
const MAX_CHECKED_CHARS = 4000;

function checkedText(passage: Passage): string {
  const text = passage.sentence.text;
  return text.length > MAX_CHECKED_CHARS ? text.slice(0, MAX_CHECKED_CHARS) : text;
}

/** What the answer-kind checks need to know of the question. */
export interface FitQuestion {
  type: AnswerType;
  /** "What new power ...?": someone able to do something answers. */
  asksAbility?: boolean;
  /** For "how many X": the terms of X. */
  countedTerms: ReadonlySet<string>;
  /** For "What is X?": where a sentence says what X is. */
  defines?: DefinitionPattern;
  /** "Who is the ...?": a person's name answers, an office does not. */
  wantsName?: boolean;
  /** "What time ...?": a time of day answers, a date does not. */
  asksClock?: boolean;
  /** "What role will the court play?": its head noun; a sentence saying what it does or will act as answers, not a job title. */
  roleOf?: string;
  /** "What kind of democracy ...?": the thing; a sentence qualifying it ("direct democracy") answers. */
  kindOf?: string;
}

/** How well a sentence offers the kind of answer the question wants, from 0 (not at all) to 1. */
export function answerTypeFit(question: FitQuestion, passage: Passage, questionTerms: ReadonlySet<string>): number {
  const { countedTerms, defines } = question;
  switch (question.type) {
    case 'when': {
      if (question.asksClock) {
        const { clock } = passage.memo;
        if (clock[passage.index] === -1) clock[passage.index] = CLOCK_TIME.test(checkedText(passage)) ? 1 : 0;
        return clock[passage.index]!;
      }
      const { date } = passage.memo;
      if (date[passage.index] === -1) date[passage.index] = FULL_DATE.test(checkedText(passage)) ? 2 : PARTIAL_DATE.test(checkedText(passage)) ? 1 : 0;
      return date[passage.index] === 2 ? 1 : date[passage.index] === 1 ? 0.4 : 0;
    }
    case 'percent': {
      // "%", or the word in a Russian ("процент") or Kazakh ("пайыз") document, or a share in words ("the vast majority of").
      const { share } = passage.memo;
      if (share[passage.index] === -1) share[passage.index] = shareIn(passage);
      return share[passage.index] === 2 ? 1 : share[passage.index] === 1 ? SHARE_IN_WORDS_FIT : 0;
    }
    case 'how_many':
      return countFit(passage, countedTerms);
    case 'how_long': {
      const durations = numbersFollowedBy(passage, DURATION_UNITS);
      return durations > 0 ? 1 : passage.termSet.has('~term') || passage.termSet.has('year') ? 0.3 : 0;
    }
    case 'role': {
      if (question.roleOf !== undefined) return statesPartPlayed(passage, question.roleOf) ? 1 : 0;
      const { jobTitle } = passage.memo;
      if (jobTitle[passage.index] === -1) jobTitle[passage.index] = JOB_TITLE.test(checkedText(passage)) ? 1 : 0;
      return jobTitle[passage.index]!;
    }
    case 'define':
      return defines?.test(checkedText(passage)) ? 1 : 0;
    case 'who': {
      const { names, role } = passage.memo;
      let runs = names.get(passage.index);
      if (!runs) {
        runs = nameRuns(checkedText(passage));
        if (names.size >= MAX_MEMO_NAMES) names.clear();
        names.set(passage.index, runs);
      }
      if (namesNotIn(runs, questionTerms)) return 1;
      if (role[passage.index] === -1) role[passage.index] = rolesIn(checkedText(passage));
      return !question.wantsName && namesOtherRole(role[passage.index]!, questionTerms) ? 0.6 : 0;
    }
    case 'why':
      return reasonFit(passage);
    case 'other':
      // "What new power will the Ombudsman get?": what someone will be able to do.
      if (question.kindOf !== undefined) return namesKindOf(checkedText(passage), question.kindOf) ? 1 : 0;
      return question.asksAbility && ABILITY.test(checkedText(passage)) ? 1 : 0;
    case 'organisation': {
      const { organisation } = passage.memo;
      if (organisation[passage.index] === -1) organisation[passage.index] = NAMED_ORGANISATION.test(checkedText(passage)) ? 1 : 0;
      return organisation[passage.index]!;
    }
    default:
      return 0;
  }
}

/** Less than a figure: "the majority of civil sector representatives" says there is a share, not how large. */
const SHARE_IN_WORDS_FIT = 0.5;
/** The terms of the words a share in words needs (majority, minority, ...): looked up before the pattern is tried. */
const SHARE_TERMS = ['major', 'minor', 'half', 'third', 'quarter'];

/** 2: the sentence has a percentage ("%", or the word in a Russian or Kazakh document); 1: a share in words; 0: neither. */
function shareIn(passage: Passage): number {
  if (passage.termSet.has('percent') || passage.termSet.has('процент') || passage.termSet.has('пайыз')) return 2;
  return SHARE_TERMS.some((t) => passage.termSet.has(t)) && SHARE_IN_WORDS.test(checkedText(passage)) ? 1 : 0;
}

/** A share said in words: "the vast majority of Kazakhstanis", "half of the respondents", "two thirds of". */
const SHARE_IN_WORDS = /\b(?:(?:vast|overwhelming|absolute|simple)\s+)?(?:majority|minority|half|(?:a|one|two)\s+thirds?|(?:a|one|three)\s+quarters?)\s+of\b/i;

/** Does the sentence say what part of a group did ("some NGOs", "most of the observers", "not all members")? */
export function namesPartOfGroup(passage: Passage, noun: string): boolean {
  let pattern = PART_OF_GROUP.get(noun);
  if (!pattern) {
    const stem = escapeRegExp(noun.replace(/(?:es|s)$/, ''));
    pattern = new RegExp(`\\b(?:some|several|a\\s+few|few|many|most|not\\s+all|other|others|certain|a\\s+number|the\\s+majority|a\\s+minority|part)\\s+(?:of\\s+(?:the\\s+)?)?(?:[\\p{L}-]+\\s+)?${stem}`, 'iu');
    if (PART_OF_GROUP.size > 1000) PART_OF_GROUP.clear();
    PART_OF_GROUP.set(noun, pattern);
  }
  return pattern.test(checkedText(passage));
}

const PART_OF_GROUP = new Map<string, RegExp>();

/** Someone able to do something: "will be able to appeal", "the right to apply", "the opportunity to determine". */
const ABILITY = /\b(?:(?:will\s+be|is|are|was|were)\s+able\s+to|can\s+now|(?:right|opportunity|possibility|power|powers|chance)\s+to)\b/i;

/** A named organisation: a capitalised institution word ("the Public Association ...", "Ministry of ...") or an acronym ("CSTO"). */
const NAMED_ORGANISATION = /\b(?:Organi[sz]ations?|Associations?|Foundations?|Bureau|Ministry|Ministries|Office|Commissions?|Council|Assembly|Mission|Institute|Party|Committee|Agency|Union|Duma|Secretariat|Administration|Federation|Headquarters)\b|\b(?!NGOs?\b)[A-Z]{3,}s?\b/;

/** A sentence that gives a reason or a purpose ("because", "in order to", "will allow", "is needed"). */
const REASON = /\b(?:because|since|so\s+that|in\s+order|due\s+to|owing\s+to|thanks\s+to|as\s+a\s+result|therefore|thus|hence|reasons?|purposes?|aims?\s+(?:to|at)|goal|(?:a|an)\s+(?:chance|opportunity|way)\s+to|serves?\s+to|(?:difficult|impossible|hard|not\s+possible)\s+to|to\s+(?:ensure|guarantee|strengthen|protect|allow|enable|increase|give|make)|will\s+(?:allow|help|make|ensure|enable|lead|give|contribute)|(?:is|are)\s+(?:needed|necessary|required|important)|means?\s+that|with\s+a\s+view\s+to|given\s+that|in\s+view\s+of)\b/i;

/** A reason or the means by which something happens ("would increase stability through a more rapid reaction"): what a "why" question's excerpt should keep. */
export const REASON_OR_MEANS = new RegExp(`${REASON.source}|\\b(?:through|by\\s+means\\s+of|thanks\\s+to)\\b`, 'i');

function reasonFit(passage: Passage): number {
  const { reason } = passage.memo;
  if (reason[passage.index] === -1) reason[passage.index] = REASON.test(checkedText(passage)) ? 1 : 0;
  return reason[passage.index]!;
}

function rolesIn(text: string): number {
  let mask = 0;
  for (let i = 0; i < ROLE_PATTERNS.length; i++) if (ROLE_PATTERNS[i]!.test(text)) mask |= 1 << i;
  return mask;
}

/** Does the sentence name an office the question does not (the question's words as lowercase surfaces)? */
function namesOtherRole(mask: number, questionTerms: ReadonlySet<string>): boolean {
  for (let i = 0; i < ROLE_WORDS.length; i++) {
    if ((mask & (1 << i)) !== 0 && !ROLE_WORDS[i]!.every((w) => questionTerms.has(w))) return true;
  }
  return false;
}

const STARTS_WITH_DIGIT = /^\d/;
const YEAR = /^(19|20)\d{2}$/;

function isNumberTerm(term: string): boolean {
  return STARTS_WITH_DIGIT.test(term) ? !YEAR.test(term) : NUMBER_WORDS.has(term);
}

/** isNumberTerm for the passage's i-th term, remembered per term. */
function isNumberAt(passage: Passage, i: number): boolean {
  const flags = passage.memo.numberTerm;
  const id = passage.termId(i);
  if (flags[id] === -1) flags[id] = isNumberTerm(passage.term(i)) ? 1 : 0;
  return flags[id] === 1;
}

function countFit(passage: Passage, counted: ReadonlySet<string>): number {
  let hasNumber = false;
  for (let i = 0; i < passage.termCount && !hasNumber; i++) hasNumber = isNumberAt(passage, i);
  if (!hasNumber) return 0;
  if (counted.size > 0 && numbersFollowedBy(passage, counted) > 0) return 1;
  if (countsPeople(counted) && countsPersons(passage)) return 1;
  return 0.35;
}

/** "How many people ...": any kind of person counted answers ("1,200 respondents", "20 observers"). */
const PEOPLE = ['peopl', 'person', 'individu', 'human'];
function countsPeople(counted: ReadonlySet<string>): boolean {
  for (const t of PEOPLE) if (counted.has(t)) return true;
  return false;
}

/** Does a number in the sentence count persons (a noun WordNet files under person, within two words after it)? */
function countsPersons(passage: Passage): boolean {
  const { personCount } = passage.memo;
  if (personCount[passage.index] === -1) {
    const ws = words(checkedText(passage)).filter((w) => w.term !== null);
    let found = false;
    for (let i = 0; i < ws.length && !found; i++) {
      if (!isNumberTerm(ws[i]!.term!)) continue;
      for (let j = i + 1; j <= i + 2 && j < ws.length && !found; j++) found = /^[a-z]+$/i.test(ws[j]!.surface) && isPersonNoun(ws[j]!.surface);
    }
    personCount[passage.index] = found ? 1 : 0;
  }
  return personCount[passage.index] === 1;
}

/** How many numbers in the sentence are followed, within two content words, by one of `nouns` ("65 precincts"). */
function numbersFollowedBy(passage: Passage, nouns: ReadonlySet<string>): number {
  const n = passage.termCount;
  let found = 0;
  for (let i = 0; i < n; i++) {
    if (!isNumberAt(passage, i)) continue;
    const at = passage.position(i);
    for (let j = 0; j < n; j++) {
      const position = passage.position(j);
      if (position > at && position <= at + 2 && nouns.has(passage.term(j))) {
        found += 1;
        break;
      }
    }
  }
  return found;
}

/** The runs of capitalised words in a sentence (depends on the sentence only, so it is worked out once per passage). */
function nameRuns(text: string): NameRun[] {
  const runs: NameRun[] = [];
  const tokens = text.split(/[\s,;:()«»“”"]+/).filter(Boolean);
  let run: string[] = [];
  const flush = () => {
    const candidate = run.filter((w) => !NOT_NAME_WORDS.has(w.toLowerCase()));
    runs.push({
      words: candidate.map((w) => w.toLowerCase()),
      nameShaped: (run.length >= 2 && candidate.length >= 2) || candidate.some((w) => SURNAME.test(w) && w.length > 4),
    });
    run = [];
  };
  for (const raw of tokens) {
    const word = raw.replace(/[.’']s?$/, '');
    if (CAPITALISED.test(word) || /^\p{Lu}\.(\p{Lu}\.)*$/u.test(raw)) {
      run.push(word);
      continue;
    }
    if (run.length > 0) flush();
  }
  if (run.length > 0) flush();
  return runs;
}

/** A name-shaped run none of whose words the question mentions. (Loops, not closures: this runs per candidate.) */
function namesNotIn(runs: readonly NameRun[], questionTerms: ReadonlySet<string>): boolean {
  for (const run of runs) {
    if (!run.nameShaped) continue;
    let mentioned = false;
    for (const w of run.words) if (questionTerms.has(w)) mentioned = true;
    if (!mentioned) return true;
  }
  return false;
}
