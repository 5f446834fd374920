import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { sourcesHtml } from '../format/answer.ts';
import { helpHtml, welcomeHtml } from '../format/texts.ts';

const html = (ctx: BotContext) => ({
  parse_mode: 'HTML' as const,
  link_preview_options: { is_disabled: true },
  ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
});

/** /start (with or without a deep-link payload), /help and /sources, in private chats and groups, in the interface language. */
export const commandsFeature = new Composer<BotContext>();
const chats = commandsFeature.chatType(['private', 'group', 'supergroup']);

chats.command('start', async (ctx) => {
  // The payload comes from deep links such as the inline-mode button (t.me/<bot>?start=inline); every payload gets the welcome.
  await ctx.reply(welcomeHtml(ctx.me.username, ctx.t), html(ctx));
});

chats.command('help', async (ctx) => {
  await ctx.reply(helpHtml(ctx.me.username, ctx.t), html(ctx));
});

chats.command('sources', async (ctx) => {
  await ctx.reply(sourcesHtml(ctx.deps.retriever.documents, ctx.t), html(ctx));
});
