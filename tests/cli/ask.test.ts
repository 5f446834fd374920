import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../support/run-process.ts';

interface AskLine {
  query: string;
  answers: Array<{ excerpt: string; source: { id: string; title: string; publisher: string; date: string; url?: string }; score: number }>;
}

const parseLines = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as AskLine);

describe('ask CLI --json', () => {
  it('writes exactly one JSON line per input line, in order, and nothing else on stdout', async () => {
    const questions = [
      'How many polling places were there?',
      '',
      'What is the capital of France?',
      'x'.repeat(10_000),
      '\u0000\u0007 control \u001b[31m chars',
      '🗳️🇰🇿 emoji only',
      '<b>When</b> is the <i>referendum</i> &amp; *held*? [see](http://x)',
      '   ',
      'Who is the Secretary of the Central Election Commission?',
    ];
    const { code, stdout, stderr } = await runScript('src/cli/ask.ts', ['--json'], { input: questions.join('\n') + '\n' });
    expect(code, stderr).toBe(0);
    const lines = parseLines(stdout);
    expect(lines.map((l) => l.query)).toEqual(questions);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['answers', 'query']);
      expect(line.answers.length).toBeLessThanOrEqual(5);
      for (const a of line.answers) {
        expect(Object.keys(a).sort()).toEqual(['excerpt', 'score', 'source']);
        expect(typeof a.score).toBe('number');
        expect(a.excerpt.length).toBeLessThanOrEqual(400);
        expect(a.source).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), publisher: expect.any(String), date: expect.any(String) }));
      }
    }
    expect(lines[0]!.answers[0]!.excerpt).toContain('10,012');
    expect(lines[1]!.answers).toEqual([]);
    expect(lines[2]!.answers).toEqual([]);
    expect(lines[7]!.answers).toEqual([]);
    expect(lines[6]!.answers.length).toBeGreaterThan(0);
    expect(lines[8]!.answers[0]!.excerpt).toContain('Mukhtar Yerman');
  });

  it('takes Russian and Kazakh questions with the same contract, quoting the English source', async () => {
    const questions = ['Кто председатель Центральной избирательной комиссии?', 'Орталық сайлау комиссиясының хатшысы кім?', 'Как испечь хлеб на закваске?'];
    const { code, stdout } = await runScript('src/cli/ask.ts', ['--json'], { input: questions.join('\n') + '\n' });
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines.map((l) => l.query)).toEqual(questions);
    expect(lines[0]!.answers[0]!.excerpt).toContain('Nurlan Abdirov');
    expect(lines[0]!.answers[0]!.source.url).toBe('https://astanatimes.com/2023/12/kazakhstans-central-election-commission-marks-30-years-with-international-conference/');
    expect(Object.keys(lines[0]!.answers[0]!.source).sort()).toEqual(['date', 'id', 'publisher', 'title', 'url']);
    expect(lines[1]!.answers[0]!.excerpt).toContain('Mukhtar Yerman');
    expect(lines[2]!.answers).toEqual([]);
  });

  it('answers a last line without a trailing newline and Windows line endings', async () => {
    const { stdout } = await runScript('src/cli/ask.ts', ['--json'], { input: 'When is the referendum held?\r\nWho chaired the Dialogue Platform meeting?' });
    const lines = parseLines(stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.query).toBe('When is the referendum held?');
    expect(lines[1]!.answers[0]!.excerpt).toContain('Usen Suleimen');
  });

  it('answers a question given as an argument with one JSON line, without waiting for standard input', async () => {
    const { code, stdout } = await runScript('src/cli/ask.ts', ['--json', 'Who chaired the Dialogue Platform meeting?'], { input: 'How many precincts were opened abroad?\n' });
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.query).toBe('Who chaired the Dialogue Platform meeting?');
    expect(lines[0]!.answers[0]!.excerpt).toContain('Usen Suleimen');
  });

  it('prints a human-readable cited answer, or says the sources do not have one', async () => {
    const found = await runScript('src/cli/ask.ts', ['How many precincts were opened abroad?']);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/65 precincts/);
    expect(found.stdout).toMatch(/Kazakhstan Institute for Strategic Studies/);
    const missing = await runScript('src/cli/ask.ts', ['How do I bake sourdough bread?']);
    expect(missing.stdout).toMatch(/not in my sources/i);
  });

  it('refuses to start on a broken corpus, naming the file and field, with a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-corpus-'));
    try {
      writeFileSync(join(dir, 'broken.md'), '---\nid: broken\npublisher: X\ndate: "2022-02-31"\nlanguage: en\n---\nBody text.\n');
      const { code, stdout, stderr } = await runScript('src/cli/ask.ts', ['--json'], { input: 'question\n', env: { CORPUS_DIR: dir } });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('broken.md [title]: is missing');
      expect(stderr).toContain('broken.md [date]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
