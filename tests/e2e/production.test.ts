import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCommand, type ProcessResult } from '../support/run-process.ts';

/**
 * The production path on a copy of the repository with nothing built: `npm ci --omit=dev` (from npm's local cache,
 * --offline: the packages are the ones `npm ci` fetched for this checkout), then `npm start`.
 */
const NOT_COPIED = new Set(['node_modules', '.git', '.cache', 'dist', 'coverage', 'scratch', '.env']);
let dir: string;
let install: ProcessResult;

/** Only what a service has: PATH, HOME and npm's cache and registry settings; no BOT_TOKEN, no npm_* of the test run. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  const keep = Object.entries(process.env).filter(([k]) => ['PATH', 'HOME', 'npm_config_cache', 'npm_config_registry'].includes(k));
  return { ...(Object.fromEntries(keep) as Record<string, string>), ...extra };
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(root, e.name)) : [join(root, e.name)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'production-'));
  cpSync(PROJECT_ROOT, dir, { recursive: true, filter: (src) => !NOT_COPIED.has(relative(PROJECT_ROOT, src).split(/[\\/]/)[0] ?? '') });
  // better-sqlite3 is compiled from source here (its prebuilt binaries are not on the npm registry): 80-110 s on a
  // loaded 2-core machine.
  install = await runCommand('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], { cwd: dir, env: env(), timeoutMs: 240_000 });
}, 270_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm ci --omit=dev, then npm start', () => {
  it('installs no development tools', () => {
    expect(install.code, install.stderr).toBe(0);
    for (const devOnly of ['tsx', 'vitest', 'fast-check']) expect(existsSync(join(dir, 'node_modules', devOnly)), devOnly).toBe(false);
  });

  it('builds dist/ at the first start and answers in the console mode: a cited answer, /help as help, no JSON log line', async () => {
    const { code, stdout, stderr } = await runCommand('npm', ['start', '--silent'], { cwd: dir, env: env(), input: '/help\nHow many polling places were there?\nСколько было избирательных участков?\n', timeoutMs: 120_000 });
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Building dist/');
    expect(stdout).toContain('How to ask (local console)');
    expect(stdout).toMatch(/Answer 1 of \d\n.*10,012 polling places[\s\S]*📄 .*Kazakhstan Institute for Strategic Studies/);
    expect(stdout).toMatch(/Ответ 1 из \d\n.*10,012 polling places/); // the Russian lexicon, read next to its module in dist/
    for (const line of `${stdout}\n${stderr}`.split('\n')) expect(line).not.toMatch(/^\s*\{/);
  }, 150_000);

  it('copies every non-TypeScript file under src/ to the same place in dist/', () => {
    const assets = filesUnder(join(dir, 'src')).filter((f) => !f.endsWith('.ts'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(existsSync(join(dir, 'dist', relative(join(dir, 'src'), asset))), asset).toBe(true);
  });

  it('starts from dist/ without building again; webhook mode without BOT_TOKEN exits non-zero naming it', async () => {
    const webhook = await runCommand('npm', ['start', '--silent'], {
      cwd: dir,
      env: env({ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/tg/hook', WEBHOOK_SECRET: 'secret_1234567890' }),
      timeoutMs: 60_000,
    });
    expect(webhook.code).not.toBe(0);
    expect(webhook.stderr).toMatch(/BOT_TOKEN: is required in webhook mode/);
    expect(webhook.stderr).not.toContain('Building dist/');
    expect(webhook.stdout).not.toContain('console');
  }, 90_000);

  it('npm run ask works from dist/ with the same JSON contract', async () => {
    const { code, stdout, stderr } = await runCommand('npm', ['run', '--silent', 'ask', '--', '--json'], { cwd: dir, env: env(), input: 'Who is the Secretary of the Central Election Commission?\n', timeoutMs: 60_000 });
    expect(code, stderr).toBe(0);
    const line = JSON.parse(stdout.trim()) as { query: string; answers: Array<{ excerpt: string }> };
    expect(Object.keys(line).sort()).toEqual(['answers', 'query']);
    expect(line.answers[0]!.excerpt).toContain('Mukhtar Yerman');
  }, 90_000);
});
