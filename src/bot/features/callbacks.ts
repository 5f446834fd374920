import { Composer, GrammyError } from 'grammy';
import { answerMessage, MORE_PREFIX, searchPages } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { extractQuestion } from '../question-text.ts';

/**
 * "More answers" / "Previous": the page is in the callback data and the question is the message the answer
 * replied to, so no state is kept on the server. Every callback query is answered, stale or unknown ones too.
 */
export const callbacksFeature = new Composer<BotContext>();

callbacksFeature.callbackQuery(/^more:(\d{1,2})$/, async (ctx) => {
  const page = Number(ctx.match[1]);
  const message = ctx.callbackQuery.message;
  const asked = message && 'reply_to_message' in message ? message.reply_to_message : undefined;
  const questionText = asked?.text ?? asked?.caption;
  if (!message || !questionText) {
    await ctx.answerCallbackQuery({ text: 'I can no longer see the question this answered. Please ask again.' });
    return;
  }
  const question = extractQuestion(questionText.replace(/^\/ask(@\w+)?/i, ''), undefined, ctx.me.username);
  const answers = searchPages(ctx.deps.retriever, question);
  if (page >= answers.length) {
    await ctx.answerCallbackQuery({ text: 'No more answers for this question.' });
    return;
  }
  const next = answerMessage(answers, question, ctx.deps.retriever.documents.length, page);
  await ctx.answerCallbackQuery();
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
});

callbacksFeature.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery({ text: 'This button is no longer active.' });
});

export { MORE_PREFIX };
