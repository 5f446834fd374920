import { Composer, GrammyError } from 'grammy';
import { answerMessage, timedSearch } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { extractQuestion } from '../question-text.ts';

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
      await ctx.answerCallbackQuery({ text: 'I can no longer see the question this answered. Please ask again.' });
      return;
    }
    const question = extractQuestion(questionText.replace(/^\/ask(@\w+)?/i, ''), undefined, ctx.me.username);
    const answers = timedSearch(ctx, question);
    if (page >= answers.length) {
      await ctx.answerCallbackQuery({ text: 'No more answers for this question.' });
      return;
    }
    const key = `${message.chat.id}:${message.message_id}`;
    const current = shownPages.get(key) ?? Number(/^Answer (\d+) of/.exec(message.text ?? '')?.[1] ?? 1) - 1;
    await ctx.answerCallbackQuery();
    if (current === page) return;
    const next = answerMessage(answers, question, ctx.deps.retriever.documents.length, page);
    try {
      await ctx.editMessageText(next.html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(next.keyboard ? { reply_markup: next.keyboard } : {}),
      });
    } catch (error) {
      // A double tap asks for the page already shown; Telegram refuses the identical edit, which is harmless.
      if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
    }
    remember(key, page);
  });

  feature.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'This button is no longer active.' });
  });
  return feature;
}

