import { Composer } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import { answerEditedQuestion } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { extractQuestion, isAskCommand, mentionsBot } from '../question-text.ts';

/**
 * An edited question (private chats and groups) gets its earlier answer edited in place, once per edit; a question
 * the bot never answered gets an answer now. Which answer belongs to which question is kept in ctx.deps.answers.
 * Edits that are not questions (other commands, group chatter, an /ask emptied out) are left alone.
 */
export const editsFeature = new Composer<BotContext>();

editsFeature.chatType(['private', 'group', 'supergroup']).on(['edited_message:text', 'edited_message:caption'], async (ctx) => {
  const question = editedQuestion(ctx.editedMessage, ctx.me);
  if (!question) {
    ctx.log.debug('edited message is not a question');
    return;
  }
  await answerEditedQuestion(ctx, question, ctx.editedMessage);
});

/** The question in an edited message, by the rules the private and group features apply to new messages. */
export function editedQuestion(message: Message, me: UserFromGetMe): string | undefined {
  const text = message.text ?? message.caption;
  if (text === undefined) return undefined;
  const entities = message.entities ?? message.caption_entities;
  const ask = isAskCommand(text, me.username);
  if (text.startsWith('/') && !ask) return undefined; // /start, /help, ... or another bot's command
  if (message.chat.type !== 'private') {
    const addressed = ask || mentionsBot(text, entities, me.username) || message.reply_to_message?.from?.id === me.id;
    if (!addressed) return undefined;
  }
  const question = ask ? extractQuestion(text.replace(/^\/ask(@[A-Za-z0-9_]+)?/i, ''), undefined, me.username) : extractQuestion(text, entities, me.username);
  return question || undefined;
}
