/** Telegram's HTML parse mode knows only &lt; &gt; &amp; &quot;; everything user- or corpus-made goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text a user sees once Telegram has parsed the HTML (what its 4096-character limit counts). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Telegram counts message length in UTF-16 code units, as JavaScript strings do. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Cuts plain text to at most `max` UTF-16 units on a word boundary, never splitting a surrogate pair, adding "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > max * 0.6) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}
