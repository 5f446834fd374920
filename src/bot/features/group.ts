import { Composer } from 'grammy';
import { replyWithAnswer } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { extractQuestion, isAskCommand, mentionsBot } from '../question-text.ts';

/**
 * Groups and supergroups: the bot answers /ask, /ask@bot, a mention of the bot, or a reply to one of its
 * own messages, always as a reply to the asking message. Everything else is left alone.
 */
export const groupFeature = new Composer<BotContext>();
const group = groupFeature.chatType(['group', 'supergroup']);

group.command('ask', async (ctx) => {
  const question = extractQuestion(ctx.match, undefined, ctx.me.username);
  if (!question) return void (await usage(ctx));
  await replyWithAnswer(ctx, question, ctx.msg);
});

group.on(['message:text', 'message:caption'], async (ctx) => {
  const text = ctx.msg.text ?? ctx.msg.caption ?? '';
  const entities = ctx.msg.entities ?? ctx.msg.caption_entities;
  const repliesToBot = ctx.msg.reply_to_message?.from?.id === ctx.me.id;
  // "/ask ..." as a photo caption (grammY's command() only looks at message text).
  const askCaption = ctx.msg.caption !== undefined && isAskCommand(text, ctx.me.username);
  if (!askCaption && !mentionsBot(text, entities, ctx.me.username) && !repliesToBot) return;
  if (!askCaption && text.startsWith('/')) return; // other bots' commands, or ours handled elsewhere
  const question = extractQuestion(text, entities, ctx.me.username);
  if (!question) return void (await usage(ctx));
  await replyWithAnswer(ctx, question, ctx.msg);
});

function usage(ctx: BotContext) {
  return ctx.reply(ctx.t('ask-usage'), {
    parse_mode: 'HTML',
    ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
  });
}
