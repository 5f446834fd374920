/**
 * Questions in Russian and Kazakh against English documents: the bilingual domain lexicons (lexicon.ts) turn the
 * words that matter (institutions, election terms, names, numbers, question words) into English before the
 * question is read. Words the lexicons do not know stay as they are and match nothing in English text, so an
 * off-topic question stays off-topic; function words are dropped.
 */

import { isCyrillicWord, KAZAKH_STOP_WORDS, RUSSIAN_STOP_WORDS, type TextLanguage } from './languages.ts';
import type { Lexicons } from './lexicon.ts';

const TOKEN = /[\p{Script=Cyrillic}\p{M}]+(?:-[\p{Script=Cyrillic}\p{M}]+)*|[^\p{Script=Cyrillic}]+?(?=[\p{Script=Cyrillic}]|$)/gsu;

/** The question with the Russian and Kazakh words the lexicons know replaced by English ones. */
export function translateQuestion(text: string, language: TextLanguage, lexicons: Lexicons): string {
  return translateQuestionParts(text, language, lexicons).text;
}

export interface Translation {
  text: string;
  /** Where in `text` each lexicon entry's English stands: its words render one word or phrase of the question. */
  groups: Array<{ start: number; end: number }>;
}

export function translateQuestionParts(text: string, language: TextLanguage, lexicons: Lexicons): Translation {
  if (language === 'en') return { text, groups: [] };
  const order = language === 'kk' ? [lexicons.kk, lexicons.ru] : [lexicons.ru, lexicons.kk];
  const tokens = (text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').match(TOKEN) ?? []) as string[];
  const out: Array<string | { english: string }> = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!isCyrillicWord(token)) {
      out.push(token);
      i += 1;
      continue;
    }
    // The run of Cyrillic words from here, so phrases can span the spaces between them.
    const run: string[] = [];
    let j = i;
    while (j < tokens.length && (isCyrillicWord(tokens[j]!) || (/^\s+$/.test(tokens[j]!) && isCyrillicWord(tokens[j + 1] ?? '')))) {
      if (isCyrillicWord(tokens[j]!)) run.push(tokens[j]!);
      j += 1;
    }
    for (let w = 0; w < run.length; ) {
      const match = order.map((lexicon) => lexicon.match(run, w)).find((m) => m !== undefined);
      if (match) {
        out.push({ english: match.english });
        w += match.length;
        continue;
      }
      const word = run[w]!;
      if (!RUSSIAN_STOP_WORDS.has(word) && !KAZAKH_STOP_WORDS.has(word)) out.push(` ${word} `);
      w += 1;
    }
    i = j;
  }
  return assemble(out);
}

/** Joins the pieces with single spaces, remembering where each lexicon rendering went. */
function assemble(pieces: ReadonlyArray<string | { english: string }>): Translation {
  let text = '';
  const groups: Translation['groups'] = [];
  const append = (piece: string) => {
    for (const part of piece.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        if (text !== '' && !text.endsWith(' ')) text += ' ';
      } else if (/^[?!.,;:]+$/.test(part) && text.endsWith(' ')) text = text.slice(0, -1) + part;
      else text += part;
    }
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      append(piece);
      continue;
    }
    if (text !== '' && !text.endsWith(' ')) text += ' ';
    const start = text.length;
    append(piece.english);
    groups.push({ start, end: text.length });
    text += ' ';
  }
  return { text: text.trim(), groups };
}
