import type { Context } from 'grammy';
import type { BotContext } from './context.ts';
import { chooseLanguage, isLang, type Lang, type Localizer } from './i18n.ts';

/**
 * The session key: the id of the person behind the update. None for channel posts and for messages sent on behalf
 * of a chat (anonymous group admins, linked channels), whose `from` is a placeholder shared by many people.
 */
export function sessionKey(ctx: Omit<Context, 'session'>): string | undefined {
  const from = ctx.from;
  if (!from || from.is_bot) return undefined;
  if ((ctx.message ?? ctx.editedMessage)?.sender_chat) return undefined;
  return String(from.id);
}

/** The user's /language choice, if they made one (and the update has a user to ask about). */
export function chosenLanguage(ctx: BotContext): Lang | undefined {
  if (sessionKey(ctx) === undefined) return undefined;
  const language = ctx.session?.language;
  return isLang(language) ? language : undefined;
}

/**
 * The language of commands, buttons and notices: the /language choice, else the app's language. Channel posts have
 * no user: the post's own language when it is written in Cyrillic, else English.
 */
export function interfaceLanguage(ctx: BotContext): Lang {
  if (!ctx.from) return chooseLanguage({ question: ctx.channelPost?.text ?? ctx.channelPost?.caption });
  return chooseLanguage({ chosen: chosenLanguage(ctx), languageCode: ctx.from.language_code });
}

/** The language of the answer to `question` (chooseLanguage's rule for the asker); ctx.t speaks it from now on. */
export function useAnswerLanguage(ctx: BotContext, question: string): Localizer {
  const lang = chooseLanguage({ chosen: chosenLanguage(ctx), question, languageCode: ctx.from?.language_code });
  return useLanguage(ctx, lang);
}

/** ctx.t speaks `lang` for the rest of this update. */
export function useLanguage(ctx: BotContext, lang: Lang): Localizer {
  ctx.i18n.useLocale(lang);
  return { lang, t: ctx.t };
}
