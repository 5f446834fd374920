import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import { kazakhFromLatin, mostlyCyrillicLanguage, type Lang } from '../language.ts';

/**
 * The bot's own words live in locales/<lang>.ftl (Fluent), read by @grammyjs/i18n. This module creates that
 * instance and holds the pure rules around it: which language a reply is in. Quotes stay as the source wrote them.
 */
export type { Lang } from '../language.ts';
export const LANGUAGES: readonly Lang[] = ['en', 'ru', 'kk'];

/** locales/ next to src/, wherever the process was started from. */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));

/** A message in one language: `t('answer-of', { n: 1, total: 5 })`. What the pure formatters get instead of a ctx. */
export type Translate = (key: string, args?: Record<string, string | number>) => string;

/** A reply language and its messages. */
export interface Localizer {
  lang: Lang;
  t: Translate;
}

/** The Fluent messages of locales/*.ftl. Isolation marks around placeables are off: they would end up in the HTML. */
export function createI18n<C extends Context = Context>(): I18n<C> {
  return new I18n<C>({ defaultLocale: 'en', directory: LOCALES_DIR, fluentBundleOptions: { useIsolating: false } });
}

/** Messages of one language from an I18n instance (for code without a ctx: console mode, command menus). */
export function localizer(i18n: { t(locale: string, key: string, args?: Record<string, string | number>): string }, lang: Lang): Localizer {
  return { lang, t: (key, args) => i18n.t(lang, key, args) };
}

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'ru' || value === 'kk';
}

/**
 * The language of a question written in Cyrillic (more Cyrillic letters than Latin ones): Kazakh or Russian; and
 * Kazakh typed in Latin letters. The same rules retrieval reads it with. Undefined for anything else (English,
 * digits, emoji).
 */
export function questionLanguage(text: string): Lang | undefined {
  return mostlyCyrillicLanguage(text) ?? (kazakhFromLatin(text) !== undefined ? 'kk' : undefined);
}

/** Telegram's language_code of the user's app ("ru", "kk", "en-GB", ...): Kazakh, Russian, else English. */
export function languageFromCode(code: string | undefined): Lang {
  const base = code?.toLowerCase().split('-')[0];
  return base === 'ru' ? 'ru' : base === 'kk' ? 'kk' : 'en';
}

export interface LanguageClues {
  /** The user's explicit /language choice, if any. */
  chosen?: Lang | undefined;
  /** The question being answered; commands have none. */
  question?: string | undefined;
  /** The asker's Telegram language_code; channel posts have none. */
  languageCode?: string | undefined;
}

/**
 * The language of a reply: the user's /language choice; else, for a question written in Cyrillic, the question's
 * language (someone who writes Russian reads Russian, whatever their app's language); else their app's language.
 */
export function chooseLanguage({ chosen, question, languageCode }: LanguageClues): Lang {
  return chosen ?? (question ? questionLanguage(question) : undefined) ?? languageFromCode(languageCode);
}

/** `/language ru`, `/language Русский`, ... → the language meant, or undefined. */
export function parseLanguageArgument(text: string): Lang | undefined {
  const word = text.trim().toLowerCase().replace(/[.!]+$/, '');
  if (!word) return undefined;
  for (const lang of LANGUAGES) if (LANGUAGE_WORDS[lang].includes(word)) return lang;
  return undefined;
}

const LANGUAGE_WORDS: Record<Lang, readonly string[]> = {
  en: ['en', 'eng', 'english', 'английский', 'англ', 'ағылшын', 'ағылшынша', 'ағылшын тілі'],
  ru: ['ru', 'rus', 'russian', 'русский', 'рус', 'по-русски', 'орыс', 'орысша', 'орыс тілі'],
  kk: ['kk', 'kz', 'kaz', 'kazakh', 'қазақ', 'қазақша', 'қазақ тілі', 'казахский', 'каз'],
};

/** "Answer 2 of 5" in any language → 1 (0-based page), or undefined. */
export function pageShown(text: string | undefined): number | undefined {
  const m = /^\D*?(\d+)\D+\d+\s*(?:\n|$)/.exec(text ?? '');
  return m ? Number(m[1]) - 1 : undefined;
}
