/** Small helpers shared by the benchmarks: percentiles, memory, output, child processes. */
import { spawn } from 'node:child_process';

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentile of unsorted values (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function summarise(values: readonly number[]): Summary {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length) };
}

/** Rounds for tables and JSON: 3 significant digits below 10, else 1 decimal or whole. */
export function round(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  if (Math.abs(x) >= 100) return Math.round(x);
  if (Math.abs(x) >= 10) return Math.round(x * 10) / 10;
  return Number(x.toPrecision(3));
}

export const MB = 1024 * 1024;

/** Memory after a full collection (needs --expose-gc), in MB. */
export function memory(): { rss: number; heap: number; arrays: number } {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heap: m.heapUsed / MB, arrays: m.arrayBuffers / MB };
}

export const JSON_MODE = process.argv.includes('--json');

/** Human output: stdout normally, stderr with --json (stdout then carries only the JSON line). */
export function say(line = ''): void {
  (JSON_MODE ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Runs `node --expose-gc --import tsx <script> ...args` and returns the JSON it prints last on stdout. */
export function runChild<T>(script: string, args: readonly string[], options: { timeoutMs?: number } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(new Error(`${script} ${args.join(' ')} failed (${(error as Error).message}): ${out.slice(-500)}`));
      }
    });
  });
}

/** A markdown table. */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (v: string | number | null) => (v === null ? '–' : String(v));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
