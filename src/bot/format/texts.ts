import { t, type Lang } from '../i18n.ts';

export function welcomeHtml(botUsername: string, lang: Lang = 'en'): string {
  const m = t(lang);
  const [intro, promise, ...rest] = m.welcome(botUsername);
  return [intro, promise, '', `<b>${m.tryAsking}</b>`, ...m.examples.map((q) => `• ${q}`), '', ...rest].join('\n');
}

export function helpHtml(botUsername: string, lang: Lang = 'en'): string {
  return t(lang).help(botUsername).join('\n');
}
