export type RetrievalErrorCode = 'CORPUS_INVALID' | 'CORPUS_EMPTY' | 'CORPUS_UNREADABLE';

export interface CorpusProblem {
  file: string;
  field?: string;
  message: string;
}

/** A corpus that cannot be served. The message names every bad file and field, for a person to fix. */
export class CorpusError extends Error {
  readonly code: RetrievalErrorCode;
  readonly problems: CorpusProblem[];

  constructor(code: RetrievalErrorCode, problems: CorpusProblem[], summary: string) {
    const lines = problems.map((p) => `  - ${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.message}`);
    super([summary, ...lines].join('\n'));
    this.name = 'CorpusError';
    this.code = code;
    this.problems = problems;
  }
}
