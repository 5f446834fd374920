/**
 * Which of the users' languages a text is written in, as far as its letters tell. Shared by retrieval (how to read a
 * question) and the bot (which language to reply in), so both always agree. Pure, no dependencies.
 */
export type Lang = 'en' | 'ru' | 'kk';

const KAZAKH_LETTERS = /[әғқңөұүһі]/iu;
/** Frequent Kazakh words without Kazakh-only letters (also as typed without them), for telling Kazakh questions from Russian ones. */
const KAZAKH_WORDS = /(?:^|[^\p{L}])(?:ма|ме|ба|бе|па|пе|кім|ким|неше|мен|және|жане|туралы|бойынша|болады|болды|жыл|жылы|жоқ|жок|бар|канша|кашан|кайда|калай|кандай|кайсы|ушин|неге)(?=$|[^\p{L}])/iu;
const CYRILLIC_LETTERS = /\p{Script=Cyrillic}/gu;
const LATIN_LETTERS = /\p{Script=Latin}/gu;

/** Kazakh or Russian, for a text that has Cyrillic letters: Kazakh-only letters or frequent Kazakh words → kk. */
export function cyrillicLanguage(text: string): 'ru' | 'kk' {
  return KAZAKH_LETTERS.test(text) || KAZAKH_WORDS.test(text) ? 'kk' : 'ru';
}

/** The language of a text written mostly in Cyrillic (more Cyrillic letters than Latin ones), else undefined. */
export function mostlyCyrillicLanguage(text: string): 'ru' | 'kk' | undefined {
  const cyrillic = text.match(CYRILLIC_LETTERS)?.length ?? 0;
  if (cyrillic === 0 || cyrillic <= (text.match(LATIN_LETTERS)?.length ?? 0)) return undefined;
  return cyrillicLanguage(text);
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}
