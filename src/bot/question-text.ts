import type { MessageEntity } from 'grammy/types';

/** The longest question we search for; longer ones are cut (and the user is told). */
export const MAX_QUESTION_LENGTH = 500;

/**
 * The question inside a message: without a leading /ask (or /ask@bot) command and without mentions of the bot.
 * Entity offsets are UTF-16 units, as JavaScript strings are.
 */
export function extractQuestion(text: string, entities: readonly MessageEntity[] | undefined, botUsername: string): string {
  const mention = `@${botUsername}`.toLowerCase();
  let out = '';
  let last = 0;
  const sorted = [...(entities ?? [])].sort((a, b) => a.offset - b.offset);
  for (const e of sorted) {
    if (e.offset < last || e.offset + e.length > text.length) continue;
    const part = text.slice(e.offset, e.offset + e.length);
    const isOurMention = e.type === 'mention' && part.toLowerCase() === mention;
    const isLeadingCommand = e.type === 'bot_command' && e.offset === 0;
    if (!isOurMention && !isLeadingCommand) continue;
    out += text.slice(last, e.offset) + ' ';
    last = e.offset + e.length;
  }
  out += text.slice(last);
  // Mentions typed without an entity (some clients, channel posts) are stripped too.
  out = out.replace(new RegExp(`(^|\\s)@${escapeRegExp(botUsername)}\\b`, 'gi'), ' ');
  return out.replace(/\s+/g, ' ').trim();
}

export function mentionsBot(text: string, entities: readonly MessageEntity[] | undefined, botUsername: string): boolean {
  const mention = `@${botUsername}`.toLowerCase();
  if ((entities ?? []).some((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention)) return true;
  return new RegExp(`(^|\\s)@${escapeRegExp(botUsername)}\\b`, 'i').test(text);
}

/** "/ask", "/ask@our_bot" → true; "/ask@other_bot" → false. */
export function isAskCommand(text: string, botUsername: string): boolean {
  const m = /^\/ask(?:@([A-Za-z0-9_]+))?(?:\s|$)/i.exec(text);
  return m !== null && (m[1] === undefined || m[1].toLowerCase() === botUsername.toLowerCase());
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
