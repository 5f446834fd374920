import { Composer } from 'grammy';
import { replyWithAnswer } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { chooseLanguage, languageFromCode, t } from '../i18n.ts';
import { extractQuestion, isAskCommand } from '../question-text.ts';

/** In a private chat every text (or photo caption) is a question; /ask works too. */
export const privateFeature = new Composer<BotContext>();
const chat = privateFeature.chatType('private');

chat.command('ask', async (ctx) => {
  const question = ctx.match.trim();
  if (!question) return void (await ctx.reply(t(languageFromCode(ctx.from.language_code)).askUsage, { parse_mode: 'HTML' }));
  await replyWithAnswer(ctx, question, ctx.msg);
});

chat.on(['message:text', 'message:caption'], async (ctx) => {
  const text = ctx.msg.text ?? ctx.msg.caption ?? '';
  const lang = chooseLanguage(text, ctx.from.language_code);
  // A photo caption "/ask ..." is a question too (grammY's command() only looks at message text).
  if (text.startsWith('/') && !isAskCommand(text, ctx.me.username)) {
    await ctx.reply(t(languageFromCode(ctx.from.language_code)).unknownCommand);
    return;
  }
  const question = extractQuestion(text, ctx.msg.entities ?? ctx.msg.caption_entities, ctx.me.username);
  if (!question) return void (await ctx.reply(t(lang).emptyQuestion));
  await replyWithAnswer(ctx, question, ctx.msg);
});
