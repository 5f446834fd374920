import type { Api } from 'grammy';
import { LANGUAGES, type Translate } from './i18n.ts';

/**
 * The command menus Telegram shows: private chats get everything, groups what makes sense there. English is the
 * default; Russian and Kazakh apps get their own (language_code "ru", "kk").
 */
export async function registerCommands(api: Api, translate: (lang: string, key: string) => string): Promise<void> {
  for (const lang of LANGUAGES) {
    const t: Translate = (key) => translate(lang, key);
    const language = lang === 'en' ? {} : { language_code: lang };
    await api.setMyCommands(
      [
        { command: 'start', description: t('command-start') },
        { command: 'help', description: t('command-help') },
        { command: 'sources', description: t('command-sources') },
        { command: 'ask', description: t('command-ask') },
        { command: 'language', description: t('command-language') },
      ],
      { scope: { type: 'all_private_chats' }, ...language },
    );
    await api.setMyCommands(
      [
        { command: 'ask', description: t('command-ask') },
        { command: 'help', description: t('command-help-group') },
        { command: 'sources', description: t('command-sources') },
        { command: 'language', description: t('command-language') },
      ],
      { scope: { type: 'all_group_chats' }, ...language },
    );
  }
}
