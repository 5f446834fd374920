import { createInterface } from 'node:readline';
import { answerMessage, searchPages } from './bot/answering.ts';
import { visibleText } from './bot/format/html.ts';
import { chooseLanguage, createI18n, localizer } from './bot/i18n.ts';
import type { Retriever } from './retrieval/types.ts';

/** The answer the bot would send, as plain text for a terminal: in the question's language (Cyrillic), else English. */
export function consoleAnswer(retriever: Retriever, question: string, i18n = createI18n()): string {
  const answers = searchPages(retriever, question);
  const words = localizer(i18n, chooseLanguage({ question }));
  if (answers.length === 0) return visibleText(answerMessage(answers, question, retriever.documents.length, words, 0, false).html);
  return answers.map((_, page) => visibleText(answerMessage(answers, question, retriever.documents.length, words, page, false).html)).join('\n\n');
}

/** Local mode without a token: read questions from stdin, print cited answers; ends on EOF or Ctrl-C. */
export async function runConsole(retriever: Retriever, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const i18n = createI18n();
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  rl.setPrompt('question> ');
  const write = (text: string) => output.write(`${text}\n`);
  write(`Local console mode: ${retriever.documents.length} documents, ${retriever.passageCount} passages. Type a question (Ctrl-D or Ctrl-C to quit).`);
  if (interactive) rl.prompt();
  for await (const line of rl) {
    if (line.trim()) write(`${consoleAnswer(retriever, line, i18n)}\n`);
    if (interactive) rl.prompt();
  }
}
