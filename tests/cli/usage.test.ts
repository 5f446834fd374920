import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-process.ts';

describe('ask and eval: usage and a person’s mistakes, without stack traces', () => {
  it('ask --help (and -h) prints the usage on stdout and exits 0, searching nothing', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await runScript('src/cli/ask.ts', [flag]);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/^usage: npm run ask -- "your question"/);
      expect(stdout).toContain('--json');
      expect(stdout).not.toMatch(/“|\(score |Not in my sources/);
    }
  });

  it('ask without a question prints the usage on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await runScript('src/cli/ask.ts', []);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^usage: /);
  });

  it('eval on a missing file names the file, in one line, exit 1', async () => {
    const { code, stdout, stderr } = await runScript('src/cli/eval.ts', ['no/such/questions.jsonl']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error \[EVAL_FILE_UNREADABLE\]: cannot read the questions file no\/such\/questions\.jsonl \(no such file\)/)]);
  });

  it('eval on a malformed file names the file and the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    try {
      const file = join(dir, 'q.jsonl');
      writeFileSync(file, '{"q": "When?", "expect": ["June"]}\n{not json\n');
      const { code, stderr } = await runScript('src/cli/eval.ts', [file]);
      expect(code).toBe(1);
      expect(stderr).toContain(`error [EVAL_FILE_INVALID]: ${file}: line 2: not JSON`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('eval runs a question set', async () => {
    const { code, stdout, stderr } = await runScript('src/cli/eval.ts', ['tests/fixtures/questions.heldout.jsonl']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^questions: \d+ /);
    expect(stdout).toMatch(/hit@1 \d/);
  });
});
