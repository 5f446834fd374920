import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BotProcess } from './support/bot-process.ts';
import { FakeTelegram } from './support/fake-telegram.ts';
import { PROJECT_ROOT, runCommand } from './support/run-process.ts';

/**
 * No Docker engine runs where this project is tested, so the image is never built here. What can be checked is:
 * the Dockerfile and compose.yaml say what docs/deploy.md promises, the image runs the same commands as the tested
 * production path (tests/e2e/production.test.ts), their healthcheck commands work against the real bot, and
 * `docker-compose config` accepts compose.yaml.
 */

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
  /** Index of the stage (FROM) the instruction belongs to; -1 before the first FROM (ARG). */
  stage: number;
}

/** The Dockerfile's instructions, with continuation lines joined and comments dropped. */
function dockerfileInstructions(text: string): Instruction[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.trimEnd();
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    current += line.trim();
    if (current) lines.push(current);
    current = '';
  }
  let stage = -1;
  return lines.map((line) => {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword.toUpperCase(), args, stage };
  });
}

/** An exec-form argument list (`["node", "x"]`); undefined for the shell form. */
function execForm(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  return JSON.parse(args) as string[];
}

/** The npm commands in RUN lines, as argument lists without "npm". */
function npmCommands(instructions: Instruction[]): string[][] {
  return instructions
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => i.args.split(/&&|;/))
    .map((command) => command.trim().split(/\s+/))
    .filter((words) => words[0] === 'npm')
    .map((words) => words.slice(1));
}

/** Flags that only suit the test's sandbox or quiet npm down; they change nothing about what is installed or run. */
const TEST_ONLY_FLAGS = new Set(['--offline', '--no-audit', '--no-fund', '--silent']);
const essential = (args: string[]) => args.filter((a) => !TEST_ONLY_FLAGS.has(a));

/** The npm commands tests/e2e/production.test.ts runs: `runCommand('npm', [...])`. */
function productionTestNpmCommands(): string[][] {
  const source = read('tests/e2e/production.test.ts');
  return [...source.matchAll(/runCommand\('npm',\s*\[([^\]]*)\]/g)].map((m) => [...m[1]!.matchAll(/'([^']*)'/g)].map((a) => a[1]!));
}

/** Which top-level paths `docker build` sends: the last .dockerignore rule that matches decides (`!` re-includes). */
function dockerignored(name: string): boolean {
  const rules = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let ignored = false;
  for (const rule of rules) {
    const negated = rule.startsWith('!');
    const pattern = (negated ? rule.slice(1) : rule).replace(/^\/+|\/+$/g, '');
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*')}$`);
    if (regex.test(name)) ignored = !negated;
  }
  return ignored;
}

/** A compose duration ("15s", "1m30s", "1500ms") in milliseconds. */
function durationMs(value: unknown): number {
  const units: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...String(value).matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)];
  expect(parts.length, `duration ${String(value)}`).toBeGreaterThan(0);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

const instructions = dockerfileInstructions(read('Dockerfile'));
const finalStage = Math.max(...instructions.map((i) => i.stage));
const inFinal = (keyword: string) => instructions.filter((i) => i.stage === finalStage && i.keyword === keyword);
/** The final stage's HEALTHCHECK command (exec form, after its options); [] when there is none. */
const dockerHealthcheck = execForm(/\bCMD\s+(\[.*\])$/.exec(inFinal('HEALTHCHECK').at(-1)?.args ?? '')?.[1] ?? '') ?? [];

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  env_file?: string | string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
  stop_grace_period?: string;
  volumes?: string[];
  command?: string[];
  restart?: string;
  init?: boolean;
}
const compose = parse(read('compose.yaml')) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const [redisName, redis] = Object.entries(compose.services).find(([, s]) => s.image?.startsWith('redis:')) ?? [];
const [, bot] = Object.entries(compose.services).find(([, s]) => s.build !== undefined) ?? [];

describe('Dockerfile', () => {
  it('is multi-stage, and the final image gets its node_modules from a stage that installed production dependencies only', () => {
    const froms = instructions.filter((i) => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const copied = inFinal('COPY').find((i) => /\/node_modules\b/.test(i.args));
    const from = /--from=(\S+)/.exec(copied?.args ?? '')?.[1];
    expect(from, 'COPY --from=<stage> .../node_modules in the final stage').toBeDefined();
    const stage = froms.findIndex((f) => new RegExp(`\\bAS\\s+${from}$`, 'i').test(f.args));
    const installs = npmCommands(instructions.filter((i) => i.stage === stage)).filter((c) => c[0] === 'ci' || c[0] === 'install');
    expect(installs.map((c) => c.join(' '))).toEqual([expect.stringMatching(/^ci .*--omit=dev/)]);
    expect(npmCommands(instructions.filter((i) => i.stage === finalStage)), 'no npm install in the final stage').toEqual([]);
  });

  it('installs and builds with the same npm commands as the tested production path (tests/e2e/production.test.ts)', () => {
    const tested = productionTestNpmCommands();
    const testedInstall = tested.find((c) => c[0] === 'ci');
    expect(testedInstall, 'production.test.ts runs npm ci').toBeDefined();
    const image = npmCommands(instructions);
    expect(image.map(essential)).toEqual([essential(testedInstall!), ['run', 'build']]);
    // The tested `npm start` builds dist/ at its first start with the very function `npm run build` runs.
    expect(tested.some((c) => c[0] === 'start')).toBe(true);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toBe('node scripts/build.mjs');
    expect(scripts.start).toBe('node scripts/run.mjs main');
    expect(read('scripts/run.mjs')).toMatch(/import \{[^}]*\bbuild\b[^}]*\} from '\.\/build\.mjs'/);
  });

  it('runs node itself on dist/main.js (what `npm start` imports in production), in exec form, so SIGTERM reaches the bot', () => {
    const cmd = execForm(inFinal('CMD').at(-1)?.args ?? '');
    expect(cmd).toEqual(['node', 'dist/main.js']);
    expect(inFinal('ENTRYPOINT')).toEqual([]);
    expect(read('scripts/run.mjs')).toContain('join(DIST, `${entry}.js`)');
  });

  it('runs as an unprivileged user, with a HEALTHCHECK on /healthz and .cache/ as a volume', () => {
    const user = inFinal('USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(dockerHealthcheck[0]).toBe('node');
    expect(dockerHealthcheck.join(' ')).toContain('/healthz');
    expect(inFinal('WORKDIR').at(-1)?.args).toBe('/app');
    expect(inFinal('VOLUME').map((i) => i.args).join(' ')).toMatch(/(^|[\s"[])\/app\/\.cache\b/);
  });

  it('copies only files that exist and that .dockerignore lets into the build context, which keeps secrets and caches out', () => {
    const sources = instructions
      .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(PROJECT_ROOT, source)), source).toBe(true);
      expect(dockerignored(source.replace(/^\.\//, '').split('/')[0]!), `${source} is in .dockerignore`).toBe(false);
    }
    for (const secretOrCache of ['.env', '.cache', 'node_modules', 'dist', '.git', 'tests']) expect(dockerignored(secretOrCache), secretOrCache).toBe(true);
  });
});

describe('compose.yaml', () => {
  it('has a Redis service with its own healthcheck and append-only persistence on a volume', () => {
    expect(redis, 'a service with image redis:*').toBeDefined();
    expect(redis!.healthcheck?.test?.join(' ')).toMatch(/redis-cli ping/);
    expect(redis!.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis!.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('starts the bot in webhook mode once Redis is healthy, with REDIS_URL pointing at that service', () => {
    expect(bot, 'a service built from the Dockerfile').toBeDefined();
    expect(bot!.depends_on?.[redisName!]?.condition).toBe('service_healthy');
    const url = new URL(bot!.environment?.REDIS_URL ?? '');
    expect(url.protocol).toBe('redis:');
    expect(url.hostname).toBe(redisName);
    expect(bot!.environment?.BOT_MODE).toBe('webhook');
    expect(bot!.env_file).toBe('.env');
    expect(bot!.restart).toBeDefined();
    expect(bot!.init).toBe(true);
  });

  it('keeps .cache/ on a named volume, checks /healthz, and waits longer than the bot takes to stop', () => {
    const cache = bot!.volumes?.find((v) => v.split(':')[1] === '/app/.cache');
    expect(cache).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(cache!.split(':')[0]);
    expect(bot!.healthcheck?.test?.join(' ')).toContain('/healthz');
    const grace = durationMs(bot!.stop_grace_period);
    expect(grace).toBeGreaterThanOrEqual(10_000);
    const deadline = /const SHUTDOWN_DEADLINE_MS = ([\d_]+);/.exec(read('src/main.ts'))?.[1];
    expect(deadline, "src/main.ts's SHUTDOWN_DEADLINE_MS").toBeDefined();
    expect(grace).toBeGreaterThan(Number(deadline!.replace(/_/g, '')));
  });

  /** `docker-compose` (Debian's package), else the `docker compose` plugin; undefined when neither runs. */
  const composeCli = [['docker-compose'], ['docker', 'compose']].find(([cmd, ...sub]) => spawnSync(cmd!, [...sub, 'version'], { stdio: 'ignore' }).status === 0);
  it.skipIf(!composeCli && !process.env.CI)('is accepted by `docker-compose config` (skipped outside CI when docker-compose is not installed)', () => {
    if (!composeCli) throw new Error('docker-compose is not installed; CI must install it (apt-get install -y --no-install-recommends docker-compose)');
    // In a copy beside a .env made from .env.example, as docs/deploy.md says to start: env_file must exist.
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    try {
      copyFileSync(join(PROJECT_ROOT, 'compose.yaml'), join(dir, 'compose.yaml'));
      copyFileSync(join(PROJECT_ROOT, '.env.example'), join(dir, '.env'));
      const [cmd, ...sub] = composeCli;
      const result = spawnSync(cmd!, [...sub, '-f', 'compose.yaml', 'config', '-q'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(result.status, result.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe('the healthcheck commands against the real bot', () => {
  let tg: FakeTelegram | undefined;
  let running: BotProcess | undefined;
  afterAll(async () => {
    running?.kill();
    await tg?.close();
  });

  const composeHealthcheck = bot?.healthcheck?.test ?? [];
  /** Runs one healthcheck (exec form: node -e ...) as Docker would inside the container, with PORT set. */
  const check = async (command: string[], port: number) => {
    expect(command[0]).toBe('node');
    return (await runCommand(process.execPath, command.slice(1), { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, timeoutMs: 10_000 })).code;
  };

  it('fail while the bot is not ready (503) and once it has stopped; pass while it serves', async () => {
    expect(composeHealthcheck[0]).toBe('CMD');
    const commands = [dockerHealthcheck, composeHealthcheck.slice(1)];
    tg = await FakeTelegram.start();
    tg.injectDelay('getMe', 4_000);
    running = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
    await running.waitForLog(/http server listening/);
    const port = running.port!;
    expect((await running.health()).status).toBe(503);
    for (const command of commands) expect(await check(command, port)).toBe(1);
    await running.waitForLog(/polling for updates/, 20_000);
    for (const command of commands) expect(await check(command, port)).toBe(0);
    expect((await running.stop('SIGTERM')).code).toBe(0);
    for (const command of commands) expect(await check(command, port)).toBe(1);
  }, 60_000);
});
