import { Composer } from 'grammy';
import { replyWithAnswer } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { extractQuestion, isAskCommand } from '../question-text.ts';
import { useAnswerLanguage } from '../user-language.ts';

/** In a private chat every text (or photo caption) is a question; /ask works too. */
export const privateFeature = new Composer<BotContext>();
const chat = privateFeature.chatType('private');

chat.command('ask', async (ctx) => {
  const question = ctx.match.trim();
  if (!question) return void (await ctx.reply(ctx.t('ask-usage'), { parse_mode: 'HTML' }));
  await replyWithAnswer(ctx, question, ctx.msg);
});

chat.on(['message:text', 'message:caption'], async (ctx) => {
  const text = ctx.msg.text ?? ctx.msg.caption ?? '';
  // A photo caption "/ask ..." is a question too (grammY's command() only looks at message text).
  if (text.startsWith('/') && !isAskCommand(text, ctx.me.username)) {
    await ctx.reply(ctx.t('unknown-command'));
    return;
  }
  const question = extractQuestion(text, ctx.msg.entities ?? ctx.msg.caption_entities, ctx.me.username);
  if (!question) return void (await ctx.reply(useAnswerLanguage(ctx, text).t('empty-question')));
  await replyWithAnswer(ctx, question, ctx.msg);
});
