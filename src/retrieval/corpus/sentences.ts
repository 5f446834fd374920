/** A sentence as a span of its document's body: `text === body.slice(start, end)`. */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
  /** Index of the paragraph the sentence belongs to (paragraphs are separated by blank lines). */
  paragraph: number;
}

/** Words that end with a period without ending the sentence ("Dec. 7", "Dr. Smith", "No. 5"). */
const ABBREVIATIONS = new Set(
  [
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'gen', 'col', 'lt', 'capt', 'sgt', 'rev', 'hon', 'gov', 'sen', 'rep', 'pres',
    'no', 'nos', 'vol', 'art', 'arts', 'para', 'ch', 'sec', 'fig', 'p', 'pp', 'ed', 'eds',
    'vs', 'etc', 'approx', 'est', 'inc', 'ltd', 'co', 'corp', 'dept', 'univ', 'assn',
    'e.g', 'i.e', 'cf', 'al',
    // Russian and Kazakh abbreviations that commonly precede names and numbers.
    'г', 'гг', 'т', 'тыс', 'млн', 'млрд', 'руб', 'ст', 'п', 'пп', 'им', 'проф', 'акад', 'ж', 'жж',
  ].map((w) => w.normalize('NFC')),
);

const CLOSERS = `"'”’»)]`;
const OPENERS = `"'“‘«([`;

/**
 * Splits a document body into sentences, keeping numbers ("76.4%", "10,012"), initials ("K.K. Tokayev"),
 * abbreviations ("Dec. 7") and quoted speech intact. Paragraph breaks always end a sentence.
 */
export function splitSentences(body: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const paragraphPattern = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  let paragraph = 0;
  for (const match of body.matchAll(paragraphPattern)) {
    const paraStart = match.index ?? 0;
    const para = match[0];
    if (para.trim().length === 0) continue;
    for (const [s, e] of sentenceBoundaries(para)) {
      const trimmed = trimSpan(para, s, e);
      if (!trimmed) continue;
      spans.push({ start: paraStart + trimmed[0], end: paraStart + trimmed[1], text: para.slice(trimmed[0], trimmed[1]), paragraph });
    }
    paragraph += 1;
  }
  return spans;
}

function sentenceBoundaries(text: string): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  let start = 0;
  const terminator = /[.!?…]+/g;
  for (const m of text.matchAll(terminator)) {
    let end = (m.index ?? 0) + m[0].length;
    while (end < text.length && CLOSERS.includes(text[end]!)) end += 1;
    if (end >= text.length) break;
    if (!/\s/.test(text[end]!)) continue;
    let next = end;
    while (next < text.length && /\s/.test(text[next]!)) next += 1;
    if (next >= text.length) break;
    if (!startsSentence(text, next)) continue;
    if (m[0] === '.' && isAbbreviation(text, m.index ?? 0, next)) continue;
    result.push([start, end]);
    start = next;
  }
  result.push([start, text.length]);
  return result;
}

function startsSentence(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (OPENERS.includes(text[i]!) || text[i] === '–' || text[i] === '-')) i += 1;
  const ch = text[i];
  if (ch === undefined) return false;
  return /[\p{Lu}\p{Lt}\p{N}]/u.test(ch) || (i > at && /\p{L}/u.test(ch));
}

/** True when the period at `dot` belongs to an abbreviation or an initial rather than ending a sentence. */
function isAbbreviation(text: string, dot: number, nextStart: number): boolean {
  let wordStart = dot;
  while (wordStart > 0 && /[\p{L}\p{N}.]/u.test(text[wordStart - 1]!)) wordStart -= 1;
  const word = text.slice(wordStart, dot);
  if (word.length === 0) return false;
  // Initials and dotted acronyms: "K.", "K.K.", "L.N.", "U.S.".
  if (/^(\p{Lu}\.)*\p{Lu}$/u.test(word)) {
    // "... in the U.S. The next ..." is rare; a capitalised single letter is almost always an initial.
    return true;
  }
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) {
    // "No." and "Art." only abbreviate before a number ("No. 5"); otherwise "No." can end a sentence.
    if ((lower === 'no' || lower === 'art' || lower === 'p') && !/\p{N}/u.test(text[nextStart] ?? '')) return false;
    return true;
  }
  return false;
}

function trimSpan(text: string, start: number, end: number): [number, number] | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s += 1;
  while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
  return s < e ? [s, e] : null;
}
