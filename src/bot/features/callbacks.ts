import { Composer } from 'grammy';
import { answerMessage, timedSearch } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { classifyError } from '../errors.ts';
import { pageShown } from '../i18n.ts';
import { extractQuestion } from '../question-text.ts';
import { useAnswerLanguage } from '../user-language.ts';

/**
 * "More answers" / "Previous": the page is in the callback data and the question is the message the answer
 * replied to, so no state is kept on the server. Every callback query is answered, stale or unknown ones too.
 */
export function createCallbacksFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  // Which page each answer message shows, so a double tap does not send Telegram an identical edit.
  // Only an optimisation: the page itself travels in callback_data, and a miss just costs a refused edit.
  const shownPages = new Map<string, number>();
  const remember = (key: string, page: number) => {
    shownPages.delete(key);
    shownPages.set(key, page);
    if (shownPages.size > 10_000) shownPages.delete(shownPages.keys().next().value as string);
  };

  feature.callbackQuery(/^more:(\d{1,2})$/, async (ctx) => {
    const page = Number(ctx.match[1]);
    const message = ctx.callbackQuery.message;
    const asked = message && 'reply_to_message' in message ? message.reply_to_message : undefined;
    const questionText = asked?.text ?? asked?.caption;
    if (!message || !questionText) {
      await ctx.answerCallbackQuery({ text: ctx.t('question-gone') });
      return;
    }
    const question = extractQuestion(questionText.replace(/^\/ask(@\w+)?/i, ''), undefined, ctx.me.username);
    const localizer = useAnswerLanguage(ctx, question);
    // Each press is a search: it spends the asker's answer budget; when limited the gate has answered the press.
    if (!(await ctx.allowQuestion())) return;
    const answers = timedSearch(ctx, question);
    if (page >= answers.length) {
      await ctx.answerCallbackQuery({ text: ctx.t('no-more-answers') });
      return;
    }
    // Keyed by the version of the message the button was on: an answer edited since (a new page, or a new answer to
    // an edited question) is a new version, whose page is read from its header.
    const key = `${message.chat.id}:${message.message_id}:${message.edit_date ?? 0}`;
    const current = shownPages.get(key) ?? pageShown(message.text) ?? 0;
    await ctx.answerCallbackQuery();
    if (current === page) return;
    const next = answerMessage(answers, question, ctx.deps.retriever.documents.length, localizer, page);
    try {
      await ctx.editMessageText(next.html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(next.keyboard ? { reply_markup: next.keyboard } : {}),
      });
    } catch (error) {
      // The query is answered already, so an edit Telegram refuses (message deleted, too old, identical after a
      // double tap) must not reach the error boundary, which would answer the query a second time.
      ctx.log.warn({ err: classifyError(error) }, 'could not show the next answer');
      return;
    }
    remember(key, page);
  });

  feature.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('button-inactive') });
  });
  return feature;
}

