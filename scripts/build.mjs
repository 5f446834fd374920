// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json) and copies every file under src/ that is
// not TypeScript (the lexicons, and whatever data files come later) to the same place under dist/, so code that
// reads a file next to its module finds it. dist/.build-stamp records what the build was made from (see isUpToDate).
// Plain JavaScript: it must run in a production install, where there is no tsx.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const SRC = join(ROOT, 'src');
const STAMP = '.build-stamp';

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

function typescriptCompiler() {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/** What dist/ must have been built from: every file under src/, the tsconfig files and the compiler's version. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(SRC), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json')]) {
    hash.update(`\0${relative(ROOT, file)}\0`).update(readFileSync(file));
  }
  const tsc = typescriptCompiler();
  if (tsc) hash.update(JSON.parse(readFileSync(join(dirname(tsc), '..', 'package.json'), 'utf8')).version);
  return hash.digest('hex');
}

/** dist/ exists and was built from the current source (and compiler). */
export function isUpToDate() {
  try {
    return readFileSync(join(DIST, STAMP), 'utf8').trim() === sourceHash();
  } catch {
    return false;
  }
}

/** Builds into a fresh directory and swaps it in, so a failed or concurrent build never leaves half a dist/. */
export function build({ quiet = false } = {}) {
  const tsc = typescriptCompiler();
  if (!tsc) throw new Error('TypeScript is not installed, so dist/ cannot be built: run `npm ci` (or `npm ci --omit=dev`; typescript is a dependency).');
  const out = `${DIST}.tmp-${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (compiled.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`tsc failed (exit ${compiled.status ?? compiled.signal})${quiet ? `:\n${compiled.stdout}${compiled.stderr}` : ''}`);
  }
  let assets = 0;
  for (const file of filesUnder(SRC)) {
    if (/\.[cm]?tsx?$/.test(file)) continue;
    const target = join(out, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    assets += 1;
  }
  writeFileSync(join(out, STAMP), `${sourceHash()}\n`);
  rmSync(DIST, { recursive: true, force: true });
  renameSync(out, DIST);
  return { assets };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { assets } = build();
    process.stdout.write(`built dist/ (${assets} data files copied from src/)\n`);
  } catch (error) {
    process.stderr.write(`error [BUILD_FAILED]: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
