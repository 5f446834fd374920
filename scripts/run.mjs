// `npm start` (and `npm run ask`, `npm run eval`): runs an entry point of src/ in this Node process, so signals
// reach the bot itself.
// - In a development install (tsx is there): the TypeScript source, through tsx, so edits take effect at once.
// - In a production install (`npm ci --omit=dev`: no tsx): the compiled dist/<entry>.js. When dist/ is missing or
//   was built from other source, it is built first with tsc (typescript is a dependency); run `npm run build` when
//   making the image so that starts never compile.
// RUN_FROM=dist or RUN_FROM=src forces one or the other.
// Usage: node scripts/run.mjs <entry, e.g. main or cli/ask> [arguments for it]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DIST, isUpToDate, ROOT } from './build.mjs';

const [entry = 'main', ...args] = process.argv.slice(2);

function hasTsx() {
  try {
    createRequire(join(ROOT, 'package.json')).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  process.stderr.write(`error [START_FAILED]: ${message}\n`);
  process.exit(1);
}

const from = process.env.RUN_FROM ?? (hasTsx() ? 'src' : 'dist');
let file;
if (from === 'src') {
  if (!hasTsx()) fail('RUN_FROM=src needs tsx, a development dependency: run `npm ci`.');
  const { register } = await import('tsx/esm/api');
  register();
  file = join(ROOT, 'src', `${entry}.ts`);
} else if (from === 'dist') {
  if (!isUpToDate()) {
    process.stderr.write('Building dist/ from src/ (first start of this version; `npm run build` does it ahead of time)...\n');
    try {
      build({ quiet: true });
    } catch (error) {
      fail(`${error instanceof Error ? error.message : String(error)}`);
    }
  }
  file = join(DIST, `${entry}.js`);
} else {
  fail(`RUN_FROM must be "src" or "dist", not ${JSON.stringify(from)}.`);
}
// The entry point reads its own arguments from process.argv.slice(2), as when it is run directly.
process.argv = [process.argv[0] ?? process.execPath, file, ...args];
await import(pathToFileURL(file).href);
