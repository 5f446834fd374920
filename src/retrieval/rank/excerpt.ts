import type { SentenceSpan } from '../corpus/sentences.ts';

export const MAX_EXCERPT_CHARS = 400;

export interface Excerpt {
  start: number;
  end: number;
  text: string;
  /** The answering sentence (or clause, for an over-long sentence) within `text`. */
  highlight: { start: number; end: number };
  /** Whether the excerpt starts or ends inside a sentence (an over-long one, cut at clause boundaries). */
  cut: { start: boolean; end: boolean };
}

/** Over-long sentences with more clause windows than this are first narrowed by where the question's words occur. */
const MAX_SCORED_WINDOWS = 48;
/** Occurrences of one question word looked at in an over-long sentence (bounds the work on run-on text). */
const MAX_PROBE_HITS = 4096;

/** Sentences that lean on the one before them: an excerpt starting here would not make sense alone. */
const ANAPHORIC_START = /^[“"«]?(?:this|these|that|those|they|them|their|he|she|his|her|it|its|such|thus|therefore|however|also|at the same time|in such cases|in this context|the latter|the former|(?:in\s+order\s+)?to\s+[a-z]+\s+(?:this|these|that|those|such)\b)\b/i;

/**
 * The verbatim excerpt for the answering sentence `index`: the sentence itself, plus a neighbour when the
 * sentence cannot stand alone (it starts with "This", "They", ...), the neighbour also answers or the next sentence
 * adds words of the question, within 400 characters.
 * A sentence longer than the limit is cut at clause boundaries around the part that matches best.
 */
export function buildExcerpt(
  body: string,
  sentences: readonly SentenceSpan[],
  index: number,
  /** The weight of the question's words in a text; `window`: a part of an over-long sentence, where the word for what is asked counts twice. */
  relevance: (text: string, window?: boolean) => number,
  maxChars = MAX_EXCERPT_CHARS,
  /** Lowercase stems of the question's words, to find the part of an over-long sentence worth scoring. */
  probes: readonly string[] = [],
  /** A neighbouring sentence (index ± 1) that answers too: shown with this one when both fit. */
  partner?: number,
  /** The sentence opens by referring back ("The event was chaired by ..."): the one before says what it refers to. */
  refersBack = false,
  /** The kind of clause the question asks for (a reason, for "why"): an over-long sentence is cut to keep it. */
  wanted?: RegExp,
  /** The sentence only restates the question: the next one, in its paragraph, is shown with it. */
  restates = false,
  /** The weight of the question's words the next sentence holds and this one does not (default: from `relevance`). */
  addedByNext?: () => number,
): Excerpt {
  const core = sentences[index]!;
  if (core.end - core.start > maxChars) return clauseWindow(body, core, relevance, maxChars, probes, wanted);

  let start = core.start;
  let end = core.end;
  const prev = sentences[index - 1];
  const next = sentences[index + 1];
  if (partner === index - 1 && prev && end - prev.start <= maxChars) start = prev.start;
  if (partner === index + 1 && next && next.end - start <= maxChars) end = next.end;
  if (start !== core.start || end !== core.end) return { start, end, text: body.slice(start, end), highlight: { start: 0, end: end - start }, cut: { start: false, end: false } };
  if (prev && prev.paragraph === core.paragraph && (refersBack || ANAPHORIC_START.test(core.text)) && end - prev.start <= maxChars) start = prev.start;
  const coreScore = relevance(core.text);
  if (next && next.paragraph === core.paragraph && next.end - start <= maxChars && coreScore > 0 && (restates || continues(core.text, next.text, relevance(next.text) / coreScore))) {
    end = next.end;
  } else if (next && next.paragraph === core.paragraph && next.end - start <= maxChars && coreScore > 0 && (addedByNext ? addedByNext() : relevance(body.slice(start, next.end)) - coreScore) >= coreScore * ADDS_TO_ANSWER) {
    end = next.end;
  }
  return { start, end, text: body.slice(start, end), highlight: { start: core.start - start, end: core.end - start }, cut: { start: false, end: false } };
}

/**
 * The next sentence of the paragraph is shown too when it holds question words the sentence lacks, weighing at
 * least this share of what the sentence matched: "... the events revealed significant gaps in applying legislation
 * ... . A number of specific recommendations were made to amend laws ..." for "What changes to legislation did
 * rights defenders call for after the January events?".
 */
const ADDS_TO_ANSWER = 0.2;

/**
 * Does the next sentence carry on the answer: it refers back ("They ...", "... the rights of the latter") and matches
 * the question well, or it opens the quotation a sentence introducing a speaker leads into ("X noted that ... .
 * «Members of the Body have gathered ...»"), matching it at all?
 */
function continues(core: string, next: string, relevanceShare: number): boolean {
  if (relevanceShare >= 0.6 && (ANAPHORIC_START.test(next) || REFERS_INSIDE.test(next))) return true;
  return relevanceShare >= 0.3 && QUOTATION_START.test(next) && SPEECH_VERB.test(core);
}

const REFERS_INSIDE = /\bthe\s+(?:latter|former)\b/i;
const QUOTATION_START = /^\s*[«“"]/;
const SPEECH_VERB = /\b(?:said|says|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underscored|underlined|pointed\s+out|added|stated|remarked|believes|expressed)\b/i;

/** Clause boundaries inside a sentence: after ";", ",", ":" or a dash followed by a space. */
function clauseCuts(text: string): number[] {
  const cuts = [0];
  for (const m of text.matchAll(/[;,:]\s+|\s[–—-]\s+/g)) cuts.push((m.index ?? 0) + m[0].length);
  cuts.push(text.length);
  return cuts;
}

/**
 * A window holding the clause the question asks for (its reason, for "why") is preferred to a window with more of
 * the question's words, down to this share of the best window's relevance: in "X, the head of ..., noted that the
 * reforms would increase stability through a more rapid reaction ...", the window naming X matches more of "Why
 * would ..., according to X?" but cuts off the reason.
 */
const WANTED_CLAUSE_SHARE = 0.3;

/**
 * The best window of whole clauses of an over-long sentence, in time linear in its length: each clause start
 * gets its longest window that fits (two pointers); when there are many, the windows holding the most question
 * words (found by substring search) are the only ones scored in full.
 */
function clauseWindow(body: string, sentence: SentenceSpan, relevance: (text: string, window?: boolean) => number, maxChars: number, probes: readonly string[], wanted?: RegExp): Excerpt {
  const text = sentence.text;
  const cuts = clauseCuts(text);
  const windows: Array<{ s: number; e: number }> = [];
  let j = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const s = cuts[i]!;
    if (j <= i) j = i + 1;
    while (j + 1 < cuts.length && trimEnd(text, cuts[j + 1]!) - s <= maxChars) j += 1;
    const e = trimEnd(text, cuts[j]!);
    if (e > s && e - s <= maxChars) windows.push({ s, e });
  }
  const scored = windows.length > MAX_SCORED_WINDOWS ? likelyWindows(text, windows, probes) : windows;
  let best: { s: number; e: number; score: number } | null = null;
  const wantedAt = wanted === undefined ? [] : matchStarts(text, wanted);
  const rated = scored.map(({ s, e }) => ({ s, e, relevance: relevance(text.slice(s, e), true), wanted: holdsClause(text.length, s, e, wantedAt) }));
  const mostRelevant = rated.reduce((m, w) => Math.max(m, w.relevance), 0);
  const preferWanted = rated.some((w) => w.wanted && w.relevance > 0 && w.relevance >= mostRelevant * WANTED_CLAUSE_SHARE);
  for (const w of rated) {
    if (preferWanted && (!w.wanted || w.relevance < mostRelevant * WANTED_CLAUSE_SHARE)) continue;
    // Ties go to the window that keeps the sentence's start (its subject, often the name asked for), then to the one
    // that keeps its end (a list's last item), then to the longer one.
    const score = w.relevance + (w.s === 0 ? 0.01 : 0) + (w.e === text.length ? 0.005 : 0) + (w.e - w.s) / 100_000;
    if (!best || score > best.score) best = { s: w.s, e: w.e, score };
  }
  if (!best) {
    // No clause boundary close enough: fall back to the first words that fit, cut at a space.
    const cut = text.lastIndexOf(' ', maxChars);
    best = { s: 0, e: trimEnd(text, cut > 0 ? cut : maxChars), score: 0 };
  }
  const start = sentence.start + best.s;
  const end = sentence.start + best.e;
  return { start, end, text: body.slice(start, end), highlight: { start: 0, end: end - start }, cut: { start: best.s > 0, end: best.e < text.length } };
}

/** Enough of a clause to read it: what follows its opening word ("through a more rapid ... reaction by the executive"). */
const CLAUSE_READ_CHARS = 100;

/** Where the pattern matches in the text. */
function matchStarts(text: string, pattern: RegExp): number[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(global)].map((m) => m.index ?? 0);
}

/** Does window [s, e) hold a match (starting at one of `starts`) and what follows it, to the text's end or for a clause's length? */
function holdsClause(textLength: number, s: number, e: number, starts: readonly number[]): boolean {
  return starts.some((at) => at >= s && at < e && e >= Math.min(textLength, at + CLAUSE_READ_CHARS));
}

/** The windows holding the most distinct question words (as substrings), earliest first among equals. */
function likelyWindows(text: string, windows: ReadonlyArray<{ s: number; e: number }>, probes: readonly string[]): Array<{ s: number; e: number }> {
  const lower = text.toLowerCase();
  const hits = probes.map((probe) => {
    const at: number[] = [];
    for (let i = lower.indexOf(probe); i !== -1 && at.length < MAX_PROBE_HITS; i = lower.indexOf(probe, i + 1)) at.push(i);
    return at;
  });
  const count = ({ s, e }: { s: number; e: number }) => hits.reduce((n, at) => n + (firstAtOrAfter(at, s) < e ? 1 : 0), 0);
  return windows
    .map((w, i) => ({ w, i, n: count(w) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, MAX_SCORED_WINDOWS)
    .map(({ w }) => w);
}

/** The first value of the ascending list at or after `from` (Infinity: none). */
function firstAtOrAfter(sorted: readonly number[], from: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo]! : Infinity;
}

const TRAILING = /[\s,;:–—-]/;

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && TRAILING.test(text[e - 1]!)) e -= 1;
  return e;
}
