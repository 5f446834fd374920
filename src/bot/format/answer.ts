import type { Answer, Source } from '../../retrieval/types.ts';
import { t, type Lang } from '../i18n.ts';
import { escapeHtml, TELEGRAM_TEXT_LIMIT, truncate, visibleText } from './html.ts';

const MONTHS: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
};
const MONTHS_ALONE_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** "2022-05-30" → "30 May 2022" (ru "30 мая 2022", kk "2022 ж. 30 мамыр"); "2022-06" → "June 2022"; "2022" → "2022". */
export function formatDate(iso: string, lang: Lang = 'en'): string {
  const [year, month, day] = iso.split('-');
  const index = month ? Number(month) - 1 : -1;
  const monthName = MONTHS[lang][index];
  if (!monthName || !year) return year ?? iso;
  if (lang === 'kk') return day ? `${year} ж. ${Number(day)} ${monthName}` : `${year} ж. ${monthName}`;
  if (!day) return `${lang === 'ru' ? MONTHS_ALONE_RU[index] : monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** Title, publisher and date; the title links to the document when it has a url. */
export function citationHtml(source: Source, lang: Lang = 'en'): string {
  const title = escapeHtml(truncate(source.title, 200));
  const linked = source.url ? `<a href="${escapeHtml(source.url)}">${title}</a>` : `<i>${title}</i>`;
  return `📄 ${linked} — ${escapeHtml(truncate(source.publisher, 120))}, ${escapeHtml(formatDate(source.date, lang))}`;
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
export function answerHtml(answer: Answer, page = 0, total = 1, lang: Lang = 'en'): string {
  const header = total > 1 ? `<i>${t(lang).answerOf(page + 1, total)}</i>\n` : '';
  return `${header}${quoteHtml(answer)}\n${citationHtml(answer.source, lang)}`;
}

export function noAnswerHtml(question: string, documentCount: number, lang: Lang = 'en'): string {
  const shown = truncate(question.replace(/\s+/g, ' ').trim(), 200);
  return t(lang).notInSources(escapeHtml(shown), documentCount);
}

/** The documents, as many as fit in one Telegram message (a large corpus ends with "…"). */
export function sourcesHtml(sources: readonly Source[], lang: Lang = 'en'): string {
  const head = t(lang).sourcesHeader(sources.length);
  const foot = `\n\n${t(lang).sourcesFooter}`;
  let budget = TELEGRAM_TEXT_LIMIT - visibleText(head + foot).length - 10;
  const lines: string[] = [];
  for (const [i, s] of sources.entries()) {
    const line = `${i + 1}. ${citationHtml(s, lang).replace(/^📄 /, '')}`;
    budget -= visibleText(line).length + 1;
    if (budget < 0) {
      lines.push('…');
      break;
    }
    lines.push(line);
  }
  return `${head}\n${lines.join('\n')}${foot}`;
}
