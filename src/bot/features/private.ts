import { Composer } from 'grammy';
import { replyWithAnswer } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { ASK_USAGE_HTML } from '../format/texts.ts';
import { extractQuestion } from '../question-text.ts';

/** In a private chat every text (or photo caption) is a question; /ask works too. */
export const privateFeature = new Composer<BotContext>();
const chat = privateFeature.chatType('private');

chat.command('ask', async (ctx) => {
  const question = ctx.match.trim();
  if (!question) return void (await ctx.reply(ASK_USAGE_HTML, { parse_mode: 'HTML' }));
  await replyWithAnswer(ctx, question, ctx.msg);
});

chat.on(['message:text', 'message:caption'], async (ctx) => {
  const text = ctx.msg.text ?? ctx.msg.caption ?? '';
  if (text.startsWith('/')) {
    await ctx.reply('I don’t know that command. Send a question as plain text, or see /help.');
    return;
  }
  const question = extractQuestion(text, ctx.msg.entities ?? ctx.msg.caption_entities, ctx.me.username);
  if (!question) return void (await ctx.reply('Send me a question about the 2022 constitutional referendum, e.g. “When was it held?”'));
  await replyWithAnswer(ctx, question, ctx.msg);
});
