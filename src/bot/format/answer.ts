import type { Answer, Source } from '../../retrieval/types.ts';
import { escapeHtml, truncate } from './html.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2022-05-30" → "30 May 2022", "2022-06" → "June 2022", "2022" → "2022". */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year ?? iso;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** Title, publisher and date; the title links to the document when it has a url. */
export function citationHtml(source: Source): string {
  const title = escapeHtml(truncate(source.title, 200));
  const linked = source.url ? `<a href="${escapeHtml(source.url)}">${title}</a>` : `<i>${title}</i>`;
  return `📄 ${linked} — ${escapeHtml(truncate(source.publisher, 120))}, ${escapeHtml(formatDate(source.date))}`;
}

/** The excerpt as a quote with the answering sentence in bold. */
export function quoteHtml(answer: Answer): string {
  const { excerpt, highlight } = answer;
  const before = excerpt.slice(0, highlight.start);
  const core = excerpt.slice(highlight.start, highlight.end);
  const after = excerpt.slice(highlight.end);
  return `<blockquote>${escapeHtml(before)}<b>${escapeHtml(core)}</b>${escapeHtml(after)}</blockquote>`;
}

/** One cited answer, as sent in chats and in inline results. `page` counts from 0. */
export function answerHtml(answer: Answer, page = 0, total = 1): string {
  const header = total > 1 ? `<i>Answer ${page + 1} of ${total}</i>\n` : '';
  return `${header}${quoteHtml(answer)}\n${citationHtml(answer.source)}`;
}

export function noAnswerHtml(question: string, documentCount: number): string {
  const shown = truncate(question.replace(/\s+/g, ' ').trim(), 200);
  return (
    `🤷 <b>Not in my sources.</b> None of my ${documentCount} documents answers “${escapeHtml(shown)}”.\n` +
    'I only quote articles about Kazakhstan’s constitutional referendum of 5 June 2022. See /sources for what I have, or rephrase the question.'
  );
}

export function sourcesHtml(sources: readonly Source[]): string {
  const lines = sources.map((s, i) => `${i + 1}. ${citationHtml(s).replace(/^📄 /, '')}`);
  return `<b>My sources</b> (${sources.length} documents):\n${lines.join('\n')}\n\nEvery answer I give is a quote from one of these.`;
}
