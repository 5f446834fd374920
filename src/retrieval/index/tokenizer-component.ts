import type { Tokenizer } from '@orama/orama';
import type { TextLanguage } from '../text/languages.ts';
import { terms } from '../text/tokenizer.ts';

/** Orama names languages in full; the project's text tools use ISO codes. */
const ORAMA_LANGUAGE: Record<TextLanguage, string> = { en: 'english', ru: 'russian', kk: 'kazakh' };
const TEXT_LANGUAGE: Record<string, TextLanguage> = { english: 'en', russian: 'ru', kazakh: 'kk' };

export function oramaLanguage(language: TextLanguage): string {
  return ORAMA_LANGUAGE[language];
}

/**
 * Orama's `tokenizer` component, made of the project's tokenizer (stemming and stop words per language,
 * numbers written one way, irregular verbs, concept terms for the domain thesaurus), so that insertion and
 * search share it. Documents are tokenized with every occurrence (term frequencies), queries as distinct terms.
 */
export function createTokenizerComponent(): Tokenizer {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize(raw: string, language?: string, prop?: string): string[] {
      const list = terms(raw, TEXT_LANGUAGE[language ?? 'english'] ?? 'en').map((t) => t.term);
      return prop === undefined ? [...new Set(list)] : list;
    },
  };
}
