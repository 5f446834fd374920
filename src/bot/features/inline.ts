import { createHash } from 'node:crypto';
import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Answer } from '../../retrieval/types.ts';
import { timedSearch } from '../answering.ts';
import type { BotContext } from '../context.ts';
import { answerHtml } from '../format/answer.ts';
import type { Localizer } from '../i18n.ts';
import { truncate } from '../format/html.ts';
import { useAnswerLanguage } from '../user-language.ts';

export const INLINE_PAGE_SIZE = 10;
export const INLINE_MAX_RESULTS = 50;
const CACHE_SECONDS = 300;

/** `@bot question` in any chat: one article per cited excerpt, paged with next_offset, framed in the asker's language. */
export const inlineFeature = new Composer<BotContext>();

inlineFeature.on('inline_query', async (ctx) => {
  const query = ctx.inlineQuery.query.trim();
  const offset = parseOffset(ctx.inlineQuery.offset);
  const localizer = useAnswerLanguage(ctx, query);
  // Limited like questions (each search costs the same), with its own budget; when limited the gate has answered.
  if (query && !(await ctx.allowQuestion())) return;
  const answers = query ? timedSearch(ctx, query, INLINE_PAGE_SIZE, offset) : [];
  if (query && offset === 0) ctx.deps.metrics.answers.inc({ outcome: answers.length > 0 ? 'answered' : 'abstained', place: 'inline' });
  if (answers.length === 0) {
    await ctx.answerInlineQuery([], {
      cache_time: query ? CACHE_SECONDS : 0,
      // Framed in the asker's language: Telegram must not serve one person's cached results to another.
      is_personal: true,
      button: { text: query && offset === 0 ? ctx.t('inline-not-in-sources') : ctx.t('inline-ask-privately'), start_parameter: 'inline' },
    });
    return;
  }
  const results = inlineResults(answers, localizer);
  const next = offset + answers.length;
  await ctx.answerInlineQuery(results, {
    cache_time: CACHE_SECONDS,
    is_personal: true,
    next_offset: answers.length === INLINE_PAGE_SIZE && next < INLINE_MAX_RESULTS ? String(next) : '',
  });
  ctx.log.info({ answers: answers.length, offset }, 'inline answered');
});

function parseOffset(raw: string): number {
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
  return Math.min(n, INLINE_MAX_RESULTS);
}

/** A stable id per excerpt (same excerpt, same id), unique within the answer, 32 bytes. */
export function resultId(answer: Answer): string {
  return createHash('sha256').update(`${answer.source.id}\u0000${answer.excerpt}`).digest('base64url').slice(0, 32);
}

/** The title and description are the quote and its source as written; the message frames the quote in the asker's language. */
export function inlineResults(answers: readonly Answer[], localizer: Localizer): InlineQueryResultArticle[] {
  const seen = new Set<string>();
  const results: InlineQueryResultArticle[] = [];
  for (const answer of answers) {
    const id = resultId(answer);
    if (seen.has(id)) continue;
    seen.add(id);
    results.push({
      type: 'article',
      id,
      title: truncate(answer.excerpt.slice(answer.highlight.start, answer.highlight.end), 100),
      description: truncate(`${answer.source.publisher} — ${answer.source.title}`, 200),
      input_message_content: { message_text: answerHtml(answer, localizer), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
      ...(answer.source.url ? { reply_markup: { inline_keyboard: [[{ text: localizer.t('source-button'), url: answer.source.url }]] } } : {}),
    });
  }
  return results.slice(0, INLINE_MAX_RESULTS);
}
