import { GrammyError, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { Answer, Retriever } from '../retrieval/types.ts';
import { answerHtml, noAnswerHtml } from './format/answer.ts';
import type { Localizer } from './i18n.ts';
import { truncate } from './format/html.ts';
import type { BotContext } from './context.ts';
import { MAX_QUESTION_LENGTH } from './question-text.ts';
import { useAnswerLanguage } from './user-language.ts';

/** How many answers "More answers" pages through. */
export const ANSWER_PAGES = 5;
export const MORE_PREFIX = 'more:';

export interface AnswerMessage {
  html: string;
  keyboard: InlineKeyboard | undefined;
  answered: boolean;
}

export function searchPages(retriever: Retriever, question: string, limit = ANSWER_PAGES, offset = 0): Answer[] {
  return retriever.search(clipQuestion(question), { limit, offset });
}

/** The first MAX_QUESTION_LENGTH characters of a question, cut at a space so that no word is cut in half. */
export function clipQuestion(question: string): string {
  if (question.length <= MAX_QUESTION_LENGTH) return question;
  const cut = question.lastIndexOf(' ', MAX_QUESTION_LENGTH);
  return question.slice(0, cut > MAX_QUESTION_LENGTH / 2 ? cut : MAX_QUESTION_LENGTH);
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

/**
 * Page `page` of the answers to `question`, framed in the localizer's language, with the buttons to move between
 * them. Pure: no Telegram calls.
 */
export function answerMessage(answers: readonly Answer[], question: string, documentCount: number, localizer: Localizer, page = 0, withPaging = true, smallTalk = false): AnswerMessage {
  const { t } = localizer;
  const answer = answers[page];
  // "hi", "thanks", "help": not a question about the sources, so a friendly word and examples, not a refusal.
  if (!answer && smallTalk) return { html: t('small-talk'), keyboard: undefined, answered: false };
  if (!answer) return { html: noAnswerHtml(question, documentCount, t), keyboard: undefined, answered: false };
  let html = answerHtml(answer, localizer, page, answers.length);
  if (page === 0 && question.length > MAX_QUESTION_LENGTH) html = `<i>${t('long-question', { max: MAX_QUESTION_LENGTH })}</i>\n${html}`;
  const keyboard = new InlineKeyboard();
  if (withPaging && page > 0) keyboard.text(t('previous'), `${MORE_PREFIX}${page - 1}`);
  if (withPaging && page + 1 < answers.length) keyboard.text(t('more-answers'), `${MORE_PREFIX}${page + 1}`);
  if (answer.source.url) keyboard.url(t('source-button'), answer.source.url);
  return { html, keyboard: keyboard.inline_keyboard.flat().length > 0 ? keyboard : undefined, answered: true };
}

/** Answers `question` in the chat of `ctx`, as a reply to `replyTo` (and in the same forum topic). */
export async function replyWithAnswer(ctx: BotContext, question: string, replyTo: Message | undefined): Promise<void> {
  // From here on ctx.t speaks the answer's language (the rate-limit notice and an apology too).
  const localizer = useAnswerLanguage(ctx, question);
  if (!(await ctx.allowQuestion())) return;
  await sendAnswer(ctx, composeAnswer(ctx, question, localizer), replyTo);
}

/**
 * An edited question: its earlier answer is edited in place, once; when the bot never answered it (or no longer
 * remembers the answer, or the answer is gone or too old to edit) it gets a fresh answer. Counted against the
 * asker's question limit like a new question.
 */
export async function answerEditedQuestion(ctx: BotContext, question: string, edited: Message): Promise<void> {
  const chatId = edited.chat.id;
  const previous = ctx.deps.answers.answerTo(chatId, edited.message_id);
  const localizer = useAnswerLanguage(ctx, question);
  if (!(await ctx.allowQuestion())) return;
  const composed = composeAnswer(ctx, question, localizer);
  if (previous === undefined) return sendAnswer(ctx, composed, edited);
  const { message } = composed;
  try {
    await ctx.api.editMessageText(chatId, previous, message.html, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
    });
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
    if (/message is not modified/i.test(error.description)) {
      ctx.log.info({ answer_message_id: previous }, 'edited question has the same answer');
      return;
    }
    // Deleted, too old to edit, or otherwise refused: answer afresh.
    ctx.log.info({ answer_message_id: previous, err: error.description }, 'could not edit the earlier answer; answering again');
    ctx.deps.answers.forget(chatId, edited.message_id);
    return sendAnswer(ctx, composed, edited);
  }
  ctx.log.info({ answers: composed.count, answer_message_id: previous, latency_ms: Math.round(performance.now() - composed.started) }, 'answer edited');
}

interface ComposedAnswer {
  message: AnswerMessage;
  count: number;
  started: number;
}

/** Search and frame the first page (no Telegram calls). */
function composeAnswer(ctx: BotContext, question: string, localizer: Localizer): ComposedAnswer {
  const started = performance.now();
  const answers = timedSearch(ctx, question);
  ctx.deps.metrics.answers.inc({ outcome: answers.length > 0 ? 'answered' : 'abstained', place: ctx.chat?.type ?? 'unknown' });
  const smallTalk = answers.length === 0 && ctx.deps.retriever.isSmallTalk(question);
  const message = answerMessage(answers, truncate(question, 4000), ctx.deps.retriever.documents.length, localizer, 0, true, smallTalk);
  return { message, count: answers.length, started };
}

/** Sends the answer as a reply to the question, and remembers which message answered it (for edits). */
async function sendAnswer(ctx: BotContext, { message, count, started }: ComposedAnswer, replyTo: Message | undefined): Promise<void> {
  const sent = await ctx.reply(message.html, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(replyTo ? { reply_parameters: { message_id: replyTo.message_id, allow_sending_without_reply: true } } : {}),
    ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
  });
  if (replyTo && ctx.chat && typeof sent?.message_id === 'number') ctx.deps.answers.remember(ctx.chat.id, replyTo.message_id, sent.message_id);
  ctx.log.info({ answers: count, latency_ms: Math.round(performance.now() - started) }, message.answered ? 'answered' : 'no answer in sources');
}
