/** Example questions shown by /start and /help; they exercise different kinds of answers. */
export const EXAMPLE_QUESTIONS = [
  'When was the referendum held?',
  'How many polling stations were opened abroad?',
  'Who is the chairman of the Central Election Commission?',
  'What share of Kazakhstanis supported the referendum?',
];

export function welcomeHtml(botUsername: string): string {
  return [
    '👋 I answer questions about <b>Kazakhstan’s constitutional referendum of 5 June 2022</b> and the reforms around it.',
    'Every answer is a quote from a source article, with its title, publisher and date — nothing invented.',
    '',
    '<b>Try asking:</b>',
    ...EXAMPLE_QUESTIONS.map((q) => `• ${q}`),
    '',
    `Just type a question here. In groups use /ask or mention @${botUsername}; in any chat type @${botUsername} and your question.`,
    'See /help for more and /sources for the documents I quote.',
  ].join('\n');
}

export function helpHtml(botUsername: string): string {
  return [
    '<b>How to ask</b>',
    '• <b>Here, in private:</b> just send your question, e.g. <i>How many polling places were there?</i>',
    `• <b>In a group:</b> <code>/ask your question</code>, mention @${botUsername} in a message, or reply to one of my answers. I stay quiet otherwise.`,
    `• <b>In any chat (inline):</b> type <code>@${botUsername} your question</code> and pick an answer to share it.`,
    '• <b>In a channel</b> where I am an admin: a post starting with /ask or mentioning me gets a reply.',
    '',
    'Under an answer, <b>More answers</b> shows the next quotes and <b>Source</b> opens the article when it has a link.',
    'If my documents do not answer a question, I say so. /sources lists them.',
  ].join('\n');
}

export const ASK_USAGE_HTML = 'Usage: <code>/ask your question</code> — for example <code>/ask When was the referendum held?</code>';
