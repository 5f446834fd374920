import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { classifyError } from '../errors.ts';
import { LANGUAGES, parseLanguageArgument, type Lang } from '../i18n.ts';
import { interfaceLanguage, sessionKey, useLanguage } from '../user-language.ts';

export const LANGUAGE_PREFIX = 'lang:';

/**
 * /language: buttons English / Русский / Қазақша, or `/language ru` directly. The choice is kept per user (the
 * session, keyed by user id) and wins over everything else, in private chats, groups and inline mode alike.
 */
export const languageFeature = new Composer<BotContext>();
const chats = languageFeature.chatType(['private', 'group', 'supergroup']);

chats.command('language', async (ctx) => {
  const reply = { ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}) };
  const wanted = parseLanguageArgument(ctx.match);
  // A message sent on behalf of a chat has nobody to remember a choice for; the buttons work for whoever presses them.
  if (wanted && sessionKey(ctx) !== undefined) {
    const { t } = choose(ctx, wanted);
    await ctx.reply(t('language-changed'), reply);
    return;
  }
  const current = interfaceLanguage(ctx);
  await ctx.reply(ctx.t('language-menu', { language: ctx.t(`language-${current}`) }), { parse_mode: 'HTML', reply_markup: languageKeyboard(ctx, current), ...reply });
});

languageFeature.callbackQuery(/^lang:(en|ru|kk)$/, async (ctx) => {
  const { t } = choose(ctx, ctx.match[1] as Lang);
  await ctx.answerCallbackQuery({ text: t('language-changed-toast') });
  try {
    await ctx.editMessageText(t('language-changed'));
  } catch (error) {
    // Answered already: a refused edit (message too old, or identical after a double tap) must not reach the error
    // boundary, which would answer the query a second time.
    ctx.log.warn({ err: classifyError(error) }, 'could not confirm the language choice');
  }
});

/** Stores the choice and speaks it from now on. */
function choose(ctx: BotContext, lang: Lang) {
  ctx.session = { ...ctx.session, language: lang };
  ctx.log.info({ language: lang }, 'language chosen');
  return useLanguage(ctx, lang);
}

/** Each language named in itself, the current one ticked. */
function languageKeyboard(ctx: BotContext, current: Lang): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const lang of LANGUAGES) {
    const name = ctx.i18n.fluent.translate(lang, 'language-self');
    keyboard.text(lang === current ? `✓ ${name}` : name, `${LANGUAGE_PREFIX}${lang}`);
  }
  return keyboard;
}
