import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(PROJECT_ROOT, 'node_modules/.bin/tsx');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point of the project as its own process (like `npm run`, without npm's noise). */
export function runScript(script: string, args: string[], options: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return runCommand(TSX, [script, ...args], { ...options, env: { ...process.env, ...options.env } as Record<string, string> });
}

/**
 * Runs `src/main.ts` (what `npm start` runs in a checkout) with only the given environment, besides PATH and HOME:
 * no BOT_TOKEN unless given, so without one it is the console mode.
 */
export function runMain(env: Record<string, string>, options: { input?: string; timeoutMs?: number; cwd?: string; entry?: string[] } = {}): Promise<ProcessResult> {
  const entry = options.entry ?? ['--import', 'tsx', 'src/main.ts'];
  return runCommand(process.execPath, entry, { ...options, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
}

export function runCommand(command: string, args: string[], options: { input?: string; env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: options.env ?? (process.env as Record<string, string>),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
