import { loadCorpus } from '../retrieval/corpus/load.ts';
import { CorpusError } from '../retrieval/errors.ts';
import { createRetriever } from '../retrieval/retriever.ts';
import type { Retriever } from '../retrieval/types.ts';

/** Loads the corpus for a command-line tool; a broken corpus ends the process with the loader's message. */
export function openCorpusOrExit(dir: string): Retriever {
  try {
    return createRetriever(loadCorpus(dir, { onWarning: (m) => process.stderr.write(`warning: ${m}\n`) }));
  } catch (error) {
    if (error instanceof CorpusError) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
