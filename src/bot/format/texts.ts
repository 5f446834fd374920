import type { Translate } from '../i18n.ts';

export function welcomeHtml(botUsername: string, t: Translate): string {
  return t('welcome', { bot: botUsername });
}

export function helpHtml(botUsername: string, t: Translate): string {
  return t('help', { bot: botUsername });
}
