import type { Answer, Source } from '../../retrieval/types.ts';
import type { Localizer, Translate } from '../i18n.ts';
import { escapeHtml, TELEGRAM_TEXT_LIMIT, truncate, visibleText } from './html.ts';

/** "2022-05-30" → "30 May 2022" (ru "30 мая 2022", kk "2022 ж. 30 мамыр"); "2022-06" → "June 2022"; "2022" → "2022". */
export function formatDate(iso: string, t: Translate): string {
  const [year, month, day] = iso.split('-');
  const monthNumber = Number(month);
  if (!year || !Number.isInteger(monthNumber) || monthNumber < 1 || monthNumber > 12) return year ?? iso;
  // The year goes in as text: Fluent would print the number 2022 as "2,022".
  return day ? t('date-full', { year, month: monthNumber, day: Number(day) }) : t('date-month-year', { year, month: monthNumber });
}

/** Title, publisher and date; the title links to the document when it has a url. */
export function citationHtml(source: Source, t: Translate): string {
  const title = escapeHtml(truncate(source.title, 200));
  const linked = source.url ? `<a href="${escapeHtml(source.url)}">${title}</a>` : `<i>${title}</i>`;
  return `📄 ${linked} — ${escapeHtml(truncate(source.publisher, 120))}, ${escapeHtml(formatDate(source.date, t))}`;
}

/** "The source is in English; quoted as written." when the quote's language is not the reply's; else undefined. */
export function sourceLanguageNote(source: Source, { lang, t }: Localizer): string | undefined {
  const language = source.language?.toLowerCase().split('-')[0];
  if (!language || language === lang) return undefined;
  return t('source-note', { language });
}

/** The excerpt as a quote with the answering sentence in bold; "…" where it was cut out of a longer sentence. */
export function quoteHtml(answer: Answer): string {
  const { excerpt, highlight } = answer;
  const before = excerpt.slice(0, highlight.start);
  const core = excerpt.slice(highlight.start, highlight.end);
  const after = excerpt.slice(highlight.end);
  const [open, close] = cutMarks(answer);
  return `<blockquote>${open}${escapeHtml(before)}<b>${escapeHtml(core)}</b>${escapeHtml(after)}${close}</blockquote>`;
}

/** "…" before and after an excerpt that starts or ends inside a sentence (the quote itself stays verbatim). */
export function cutMarks(answer: Pick<Answer, 'cut'>): [string, string] {
  return [answer.cut?.start ? '… ' : '', answer.cut?.end ? ' …' : ''];
}

/**
 * One cited answer, as sent in chats and in inline results: the verbatim quote, framed in the reply's language
 * (header, citation date, and a note when the source is in another language). `page` counts from 0.
 */
export function answerHtml(answer: Answer, localizer: Localizer, page = 0, total = 1): string {
  const { t } = localizer;
  const header = total > 1 ? `<i>${t('answer-of', { n: page + 1, total })}</i>\n` : '';
  const note = sourceLanguageNote(answer.source, localizer);
  return `${header}${quoteHtml(answer)}\n${citationHtml(answer.source, t)}${note ? `\n<i>${note}</i>` : ''}`;
}

/** "Not in my sources", echoing the question (escaped: it is the user's text). */
export function noAnswerHtml(question: string, documentCount: number, t: Translate): string {
  const shown = truncate(question.replace(/\s+/g, ' ').trim(), 200);
  return t('not-in-sources', { question: escapeHtml(shown), documents: documentCount });
}

/** The documents, as many as fit in one Telegram message (a large corpus ends with "…"). */
export function sourcesHtml(sources: readonly Source[], t: Translate): string {
  const head = t('sources-header', { count: sources.length });
  const foot = `\n\n${t('sources-footer')}`;
  let budget = TELEGRAM_TEXT_LIMIT - visibleText(head + foot).length - 10;
  const lines: string[] = [];
  for (const [i, s] of sources.entries()) {
    const line = `${i + 1}. ${citationHtml(s, t).replace(/^📄 /, '')}`;
    budget -= visibleText(line).length + 1;
    if (budget < 0) {
      lines.push('…');
      break;
    }
    lines.push(line);
  }
  return `${head}\n${lines.join('\n')}${foot}`;
}
