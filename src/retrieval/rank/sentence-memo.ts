/** A run of capitalised words: its words that are not institution words (lowercase), and whether its shape makes it a name. */
export interface NameRun {
  words: string[];
  nameShaped: boolean;
}

/**
 * What the answer-type checks found in each sentence, worked out once per passage (the regexes are the costly
 * part of ranking): typed arrays indexed by passage (-1: not looked at yet) and a bounded map for names.
 */
export interface SentenceMemo {
  /** FULL_DATE: 2, PARTIAL_DATE: 1, neither: 0. */
  date: Int8Array;
  /** Which ROLES the sentence names, one bit each. */
  role: Int16Array;
  /** JOB_TITLE: 1, not: 0. */
  jobTitle: Int8Array;
  /** The sentence gives a reason or a purpose (1) or not (0). */
  reason: Int8Array;
  /** The sentence says what part something plays ("acts as", "is aimed at", "the role of"): 1, or not: 0. */
  partPlayed: Int8Array;
  /** The sentence has a time of day (1) or not (0). */
  clock: Int8Array;
  /** The sentence names an organisation (1) or not (0). */
  organisation: Int8Array;
  /** A share: a percentage (2), a share in words ("the majority of": 1), or neither (0). */
  share: Int8Array;
  names: Map<number, NameRun[]>;
  /** A number in the sentence counts persons ("1,200 respondents"): 1, or not: 0. */
  personCount: Int8Array;
  /** Per term id: is the term a number that counts something (1) or not (0). */
  numberTerm: Int8Array;
}

export function createSentenceMemo(passages: number, terms: number): SentenceMemo {
  return { date: new Int8Array(passages).fill(-1), role: new Int16Array(passages).fill(-1), jobTitle: new Int8Array(passages).fill(-1), reason: new Int8Array(passages).fill(-1), partPlayed: new Int8Array(passages).fill(-1), clock: new Int8Array(passages).fill(-1), organisation: new Int8Array(passages).fill(-1), share: new Int8Array(passages).fill(-1), personCount: new Int8Array(passages).fill(-1), names: new Map(), numberTerm: new Int8Array(terms).fill(-1) };
}

