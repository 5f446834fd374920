import type { SentenceSpan } from '../corpus/sentences.ts';

export const MAX_EXCERPT_CHARS = 400;

export interface Excerpt {
  start: number;
  end: number;
  text: string;
  /** The answering sentence (or clause, for an over-long sentence) within `text`. */
  highlight: { start: number; end: number };
}

/** Sentences that lean on the one before them: an excerpt starting here would not make sense alone. */
const ANAPHORIC_START = /^[“"«]?(?:this|these|that|those|they|them|their|he|she|his|her|it|its|such|thus|therefore|however|also|at the same time|in such cases|in this context|the latter|the former)\b/i;

/**
 * The verbatim excerpt for the answering sentence `index`: the sentence itself, plus a neighbour when the
 * sentence cannot stand alone (it starts with "This", "They", ...) or the neighbour also answers, within 400 characters.
 * A sentence longer than the limit is cut at clause boundaries around the part that matches best.
 */
export function buildExcerpt(
  body: string,
  sentences: readonly SentenceSpan[],
  index: number,
  relevance: (text: string) => number,
  maxChars = MAX_EXCERPT_CHARS,
): Excerpt {
  const core = sentences[index]!;
  if (core.end - core.start > maxChars) return clauseWindow(body, core, relevance, maxChars);

  let start = core.start;
  let end = core.end;
  const prev = sentences[index - 1];
  const next = sentences[index + 1];
  const fits = (s: number, e: number) => e - s <= maxChars;
  if (prev && prev.paragraph === core.paragraph && ANAPHORIC_START.test(core.text) && fits(prev.start, end)) start = prev.start;
  const coreScore = relevance(core.text);
  if (next && next.paragraph === core.paragraph && fits(start, next.end) && coreScore > 0 && relevance(next.text) >= coreScore * 0.6 && ANAPHORIC_START.test(next.text)) {
    end = next.end;
  }
  return { start, end, text: body.slice(start, end), highlight: { start: core.start - start, end: core.end - start } };
}

/** Clause boundaries inside a sentence: after ";", ",", ":" or a dash followed by a space. */
function clauseCuts(text: string): number[] {
  const cuts = [0];
  for (const m of text.matchAll(/[;,:]\s+|\s[–—-]\s+/g)) cuts.push((m.index ?? 0) + m[0].length);
  cuts.push(text.length);
  return cuts;
}

function clauseWindow(body: string, sentence: SentenceSpan, relevance: (text: string) => number, maxChars: number): Excerpt {
  const text = sentence.text;
  const cuts = clauseCuts(text);
  let best: { s: number; e: number; score: number } | null = null;
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = cuts.length - 1; j > i; j--) {
      const s = cuts[i]!;
      const e = trimEnd(text, cuts[j]!);
      if (e - s > maxChars) continue;
      // Ties go to the window that keeps the sentence's start (its subject, often the name asked for), then to the longer one.
      const score = relevance(text.slice(s, e)) + (s === 0 ? 0.01 : 0) + (e - s) / 100_000;
      if (!best || score > best.score) best = { s, e, score };
      break; // the longest window from this start that fits
    }
  }
  if (!best) {
    // No clause boundary close enough: fall back to the first words that fit, cut at a space.
    const cut = text.lastIndexOf(' ', maxChars);
    best = { s: 0, e: trimEnd(text, cut > 0 ? cut : maxChars), score: 0 };
  }
  const start = sentence.start + best.s;
  const end = sentence.start + best.e;
  return { start, end, text: body.slice(start, end), highlight: { start: 0, end: end - start } };
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /[\s,;:–—-]/.test(text[e - 1]!)) e -= 1;
  return e;
}
