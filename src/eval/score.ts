/** The evaluation rule of the retrieval issue, shared by `npm run eval` and the quality test. */
export interface EvalQuestion {
  id: string;
  kind?: string;
  q: string;
  expect: string[];
}

export interface EvalOutcome {
  question: EvalQuestion;
  /** 1-based rank of the first hit, or null. For out-of-scope questions: 1 when nothing was answered. */
  rank: number | null;
  excerpts: string[];
}

export interface EvalSummary {
  answerable: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  mrrAt5: number;
  abstentionRate: number;
  falseAbstentions: number;
  misses: EvalOutcome[];
}

const MAX_HIT_CHARS = 600;

/** Lowercase, one kind of quote, whitespace collapsed: the comparison the rule asks for. */
export function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function isHit(excerpt: string, expect: readonly string[]): boolean {
  if (excerpt.length > MAX_HIT_CHARS) return false;
  const text = canonical(excerpt);
  return expect.some((e) => text.includes(canonical(e)));
}

export function judge(question: EvalQuestion, excerpts: string[]): EvalOutcome {
  if (question.expect.length === 0) return { question, rank: excerpts.length === 0 ? 1 : null, excerpts };
  const index = excerpts.slice(0, 5).findIndex((e) => isHit(e, question.expect));
  return { question, rank: index === -1 ? null : index + 1, excerpts };
}

export function summarise(outcomes: readonly EvalOutcome[]): EvalSummary {
  const answerable = outcomes.filter((o) => o.question.expect.length > 0);
  const none = outcomes.filter((o) => o.question.expect.length === 0);
  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    answerable: answerable.length,
    outOfScope: none.length,
    hitAt1: share(answerable.filter((o) => o.rank === 1).length, answerable.length),
    hitAt3: share(answerable.filter((o) => o.rank !== null && o.rank <= 3).length, answerable.length),
    mrrAt5: share(answerable.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0), answerable.length),
    abstentionRate: share(none.filter((o) => o.rank === 1).length, none.length),
    falseAbstentions: answerable.filter((o) => o.excerpts.length === 0).length,
    misses: outcomes.filter((o) => o.rank !== 1),
  };
}

export function parseQuestions(jsonl: string): EvalQuestion[] {
  return jsonl
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      let value: Partial<EvalQuestion>;
      try {
        value = JSON.parse(line) as Partial<EvalQuestion>;
      } catch (error) {
        throw new Error(`line ${i + 1}: not JSON (${(error as Error).message})`);
      }
      if (typeof value.q !== 'string' || !Array.isArray(value.expect)) throw new Error(`line ${i + 1}: needs "q" (string) and "expect" (array)`);
      return { id: value.id ?? String(i + 1), kind: value.kind, q: value.q, expect: value.expect.map(String) };
    });
}
