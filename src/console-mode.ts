import { createInterface } from 'node:readline';
import type { I18n } from '@grammyjs/i18n';
import { answerMessage, searchPages } from './bot/answering.ts';
import { sourcesHtml } from './bot/format/answer.ts';
import { visibleText } from './bot/format/html.ts';
import { chooseLanguage, createI18n, localizer, parseLanguageArgument, type Lang, type Localizer } from './bot/i18n.ts';
import type { Retriever } from './retrieval/types.ts';

/**
 * The local mode without a token: the bot's answers and commands (/start, /help, /sources, /language, /ask), in the
 * bot's words (locales/*.ftl), as plain text for a terminal. There is one user: a /language choice holds until exit.
 */
export class ConsoleSession {
  /** The /language choice; until one is made, the question's language (Cyrillic), else English. */
  chosen: Lang | undefined;

  constructor(
    private readonly retriever: Retriever,
    private readonly i18n: I18n = createI18n(),
  ) {}

  private words(question?: string): Localizer {
    return localizer(this.i18n, chooseLanguage({ chosen: this.chosen, question }));
  }

  /** The first line printed: what is loaded and how to get help. */
  greeting(): string {
    return plainText(this.words().t('console-ready', { documents: this.retriever.documents.length, passages: this.retriever.passageCount }));
  }

  /** The reply to one line of input, as plain text; empty for a blank line. */
  reply(line: string): string {
    const text = line.trim();
    if (!text) return '';
    const command = /^\/([A-Za-z0-9_]+)(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text);
    if (!command) return this.answer(text);
    const [, name = '', argument = ''] = command;
    const { t } = this.words();
    switch (name.toLowerCase()) {
      case 'start':
        return plainText(t('console-welcome'));
      case 'help':
        return plainText(t('console-help'));
      case 'sources':
        return plainText(sourcesHtml(this.retriever.documents, t));
      case 'language':
        return this.language(argument);
      case 'ask':
        return argument.trim() ? this.answer(argument) : plainText(t('ask-usage'));
      default:
        return plainText(t('unknown-command'));
    }
  }

  private language(argument: string): string {
    const wanted = parseLanguageArgument(argument);
    if (wanted) {
      this.chosen = wanted;
      return plainText(this.words().t('language-changed'));
    }
    const words = this.words();
    return plainText(words.t('console-language-menu', { language: words.t(`language-${words.lang}`) }));
  }

  /** Every answer the bot would page through, one after another (or "not in my sources"). */
  private answer(question: string): string {
    return consoleAnswer(this.retriever, question, this.i18n, this.chosen);
  }
}

/** The answer the bot would send, as plain text: in the chosen language, else the question's (Cyrillic), else English. */
export function consoleAnswer(retriever: Retriever, question: string, i18n: I18n = createI18n(), chosen?: Lang): string {
  const answers = searchPages(retriever, question);
  const words = localizer(i18n, chooseLanguage({ chosen, question }));
  const pages = answers.length === 0 ? [0] : answers.map((_, page) => page);
  const smallTalk = answers.length === 0 && retriever.isSmallTalk(question);
  return pages.map((page) => plainText(answerMessage(answers, question, retriever.documents.length, words, page, false, smallTalk).html)).join('\n\n');
}

/** Telegram HTML as terminal text: links keep their address (there is no button to press), tags go. */
export function plainText(html: string): string {
  return visibleText(html.replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, label: string) => `${label} (${href})`));
}

/** Reads lines from stdin and prints the replies; ends on EOF or Ctrl-C. */
export async function runConsole(retriever: Retriever, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const session = new ConsoleSession(retriever);
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  rl.setPrompt('question> ');
  const write = (text: string) => output.write(`${text}\n`);
  write(session.greeting());
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const reply = session.reply(line);
    if (reply) write(`${reply}\n`);
    if (interactive) rl.prompt();
  }
}
