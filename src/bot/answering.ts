import { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { Answer, Retriever } from '../retrieval/types.ts';
import { answerHtml, noAnswerHtml } from './format/answer.ts';
import { chooseLanguage, t, type Lang } from './i18n.ts';
import { truncate } from './format/html.ts';
import type { BotContext } from './context.ts';
import { MAX_QUESTION_LENGTH } from './question-text.ts';

/** How many answers "More answers" pages through. */
export const ANSWER_PAGES = 5;
export const MORE_PREFIX = 'more:';

export interface AnswerMessage {
  html: string;
  keyboard: InlineKeyboard | undefined;
  answered: boolean;
}

export function searchPages(retriever: Retriever, question: string, limit = ANSWER_PAGES, offset = 0): Answer[] {
  return retriever.search(question.slice(0, MAX_QUESTION_LENGTH), { limit, offset });
}

/** Search, timed into the retrieval latency histogram. */
export function timedSearch(ctx: BotContext, question: string, limit = ANSWER_PAGES, offset = 0): Answer[] {
  const stop = ctx.deps.metrics.retrievalSeconds.startTimer();
  try {
    return searchPages(ctx.deps.retriever, question, limit, offset);
  } finally {
    stop();
  }
}

/** Page `page` of the answers to `question`, with the buttons to move between them. Pure: no Telegram calls. */
export function answerMessage(answers: readonly Answer[], question: string, documentCount: number, page = 0, withPaging = true, lang: Lang = 'en'): AnswerMessage {
  const answer = answers[page];
  const m = t(lang);
  if (!answer) return { html: noAnswerHtml(question, documentCount, lang), keyboard: undefined, answered: false };
  let html = answerHtml(answer, page, answers.length, lang);
  if (page === 0 && question.length > MAX_QUESTION_LENGTH) html = `<i>${m.longQuestion(MAX_QUESTION_LENGTH)}</i>\n${html}`;
  const keyboard = new InlineKeyboard();
  if (withPaging && page > 0) keyboard.text(m.previous, `${MORE_PREFIX}${page - 1}`);
  if (withPaging && page + 1 < answers.length) keyboard.text(m.moreAnswers, `${MORE_PREFIX}${page + 1}`);
  if (answer.source.url) keyboard.url(m.source, answer.source.url);
  return { html, keyboard: keyboard.inline_keyboard.flat().length > 0 ? keyboard : undefined, answered: true };
}

/** Answers `question` in the chat of `ctx`, as a reply to `replyTo` (and in the same forum topic). */
export async function replyWithAnswer(ctx: BotContext, question: string, replyTo: Message | undefined): Promise<void> {
  if (!(await ctx.allowQuestion())) return;
  const started = performance.now();
  const answers = timedSearch(ctx, question);
  ctx.deps.metrics.answers.inc({ outcome: answers.length > 0 ? 'answered' : 'abstained', place: ctx.chat?.type ?? 'unknown' });
  const lang = chooseLanguage(question, ctx.from?.language_code);
  const message = answerMessage(answers, truncate(question, 4000), ctx.deps.retriever.documents.length, 0, true, lang);
  await ctx.reply(message.html, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(replyTo ? { reply_parameters: { message_id: replyTo.message_id, allow_sending_without_reply: true } } : {}),
    ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
  });
  ctx.log.info({ answers: answers.length, latency_ms: Math.round(performance.now() - started) }, message.answered ? 'answered' : 'no answer in sources');
}
