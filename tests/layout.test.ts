import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module under src/ and the relative modules it imports. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => resolve('src', f));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => resolve(dirname(file), m[1]!));
    graph.set(file, imports);
  }
  return graph;
}

describe('source layout', () => {
  it('has no import cycles', () => {
    const graph = importGraph();
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => f.slice(resolve('src').length + 1)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps retrieval free of Telegram, and the bot free of Orama', () => {
    for (const [file, imports] of importGraph()) {
      const source = readFileSync(file, 'utf8');
      if (file.includes(join('src', 'retrieval'))) expect(source, file).not.toMatch(/from 'grammy|from '@grammyjs/);
      if (file.includes(join('src', 'bot'))) {
        expect(source, file).not.toMatch(/from '@orama/);
        for (const target of imports) if (target.includes(join('src', 'retrieval'))) expect(target, file).toMatch(/retrieval[/\\]types\.ts$/);
      }
    }
  });
});
