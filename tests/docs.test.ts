import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Numbers as written ("2,199" and "2199" are the same figure). */
const numbersIn = (text: string) => (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, ''));

describe('docs/scaling.md', () => {
  const scaling = readFileSync('docs/scaling.md', 'utf8');
  const results = new Set(numbersIn(readFileSync('bench/RESULTS.md', 'utf8')));

  it('quotes in its tables of measurements only figures bench/RESULTS.md states (re-run the bench → copy them again)', () => {
    const tables: string[][] = [];
    let current: string[] = [];
    for (const line of [...scaling.split('\n'), '']) {
      if (line.startsWith('|')) current.push(line);
      else if (current.length > 0) tables.push(current.splice(0));
    }
    const measured = tables.filter((rows) => /\bms\b|updates\/s/.test(rows[0] ?? ''));
    expect(measured.length).toBeGreaterThanOrEqual(2);
    const quoted = measured.flatMap((rows) => rows.slice(2).flatMap(numbersIn));
    expect(quoted.length).toBeGreaterThan(30);
    expect(quoted.filter((n) => !results.has(n))).toEqual([]);
  });

  it('says what state each replica keeps', () => {
    for (const state of ['.cache/users-', '.cache/updates-', '.snapshot', 'AnswerMemory', '/language']) expect(scaling).toContain(state);
    expect(scaling).not.toMatch(/\| Sessions \| none/);
  });
});
