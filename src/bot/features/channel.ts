import { Composer } from 'grammy';
import { replyWithAnswer } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { extractQuestion, isAskCommand, mentionsBot } from '../question-text.ts';

/** Channels where the bot is an admin: a post starting with /ask or mentioning the bot gets a reply in the channel. */
export const channelFeature = new Composer<BotContext>();

channelFeature.on(['channel_post:text', 'channel_post:caption'], async (ctx) => {
  const post = ctx.channelPost;
  const text = post.text ?? post.caption ?? '';
  const entities = post.entities ?? post.caption_entities;
  if (!isAskCommand(text, ctx.me.username) && !mentionsBot(text, entities, ctx.me.username)) return;
  const question = extractQuestion(text, entities, ctx.me.username);
  if (!question) return;
  await replyWithAnswer(ctx, question, post);
});
