import { createInterface } from 'node:readline';
import type { Answer } from '../retrieval/types.ts';
import { openCorpusOrExit } from './open-corpus.ts';

const MAX_ANSWERS = 5;
const args = process.argv.slice(2);
const json = args.includes('--json');
const question = args.filter((a) => a !== '--json').join(' ');

const USAGE = `usage: npm run ask -- "your question"                 cited answers, human-readable
       npm run --silent ask -- --json < questions.txt   one JSON line per input line
       npm run --silent ask -- --json "your question"   (or one line for the question given):
         {"query": "...", "answers": [{"excerpt", "source": {"id", "title", "publisher", "date", "url"?}, "score"}]}
         (at most ${MAX_ANSWERS} answers; [] when the corpus has no answer)
Questions may be in English, Russian or Kazakh. CORPUS_DIR chooses the corpus (default ./corpus).
`;

if (args.some((a) => a === '--help' || a === '-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const retriever = openCorpusOrExit(process.env.CORPUS_DIR ?? 'corpus');

/** The JSON contract: exactly these fields, `url` only when the document has one. */
function toJson(query: string, answers: Answer[]): string {
  return JSON.stringify({
    query,
    answers: answers.map(({ excerpt, source: s, score }) => ({ excerpt, source: { id: s.id, title: s.title, publisher: s.publisher, date: s.date, ...(s.url ? { url: s.url } : {}) }, score })),
  });
}

function answer(line: string): Answer[] {
  try {
    return retriever.search(line, { limit: MAX_ANSWERS });
  } catch (error) {
    process.stderr.write(`error answering ${JSON.stringify(line.slice(0, 80))}: ${(error as Error).stack ?? String(error)}\n`);
    return [];
  }
}

function printHuman(query: string, answers: Answer[]): void {
  if (answers.length === 0) {
    console.log(`Not in my sources: none of the ${retriever.documents.length} documents answers "${query.trim()}".`);
    return;
  }
  answers.forEach((a, i) => {
    const s = a.source;
    console.log(`${i + 1}. “${a.cut?.start ? '… ' : ''}${a.excerpt}${a.cut?.end ? ' …' : ''}”`);
    console.log(`   — ${s.title}, ${s.publisher}, ${s.date}${s.url ? `. ${s.url}` : ''}  (score ${a.score})`);
  });
}

if (json && question.trim().length > 0) {
  // `ask -- --json "question"`: that one question, as one JSON line (stdin is not read).
  process.stdout.write(toJson(question, answer(question)) + '\n');
} else if (json) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) process.stdout.write(toJson(line, answer(line)) + '\n');
} else if (question.trim().length > 0) {
  printHuman(question, answer(question));
} else {
  process.stderr.write(USAGE);
  process.exit(2);
}
