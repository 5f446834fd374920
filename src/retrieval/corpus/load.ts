import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CorpusError, type CorpusProblem } from '../errors.ts';
import type { CorpusDocument } from '../types.ts';

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/** ISO 8601 calendar date, full (2022-06-05) or reduced precision (2022-06, 2022) when the day is not known. */
const isoDate = z.string().refine(isRealIsoDate, { message: 'must be an ISO date: YYYY-MM-DD (or YYYY-MM / YYYY when not known)' });

/** The languages the tokenizer reads (English, Russian, Kazakh). */
const LANGUAGES = ['en', 'ru', 'kk'] as const;

/**
 * A URL a reader can open and Telegram accepts on a button: http(s), no spaces or credentials, and a public host
 * name (with a dot, not localhost, not an address on a private or loopback network).
 */
function checkPublicUrl(value: string, ctx: z.RefinementCtx): void {
  const problem = urlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

function urlProblem(value: string): string | null {
  if (/\s/.test(value)) return 'must be a URL without spaces';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return `must be a public address, not ${host}`;
  if (/^\[.*\]$/.test(host) || /^[\d.]+$/.test(host)) {
    if (isPrivateAddress(host)) return `must be a public address, not ${host}`;
    return null;
  }
  if (!host.includes('.')) return `must have a public host name (with a dot), not "${host}"`;
  if (!/^[a-z0-9.-]+$/.test(host) || host.split('.').some((label) => label.length === 0 || label.length > 63)) return `has an invalid host name "${host}"`;
  return null;
}

function isPrivateAddress(host: string): boolean {
  if (host.startsWith('[')) return /^\[(?:::1?|f[cd][0-9a-f]{2}:|fe80:)/i.test(host);
  const [a, b] = host.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168);
}

const frontMatterSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 characters: lowercase letters, digits, ".", "_" or "-"'),
  title: z.string().trim().min(1, 'must not be empty'),
  publisher: z.string().trim().min(1, 'must not be empty'),
  date: isoDate,
  url: z.string().superRefine(checkPublicUrl).optional(),
  language: z.enum(LANGUAGES, { message: `must be one of the languages the bot reads: ${LANGUAGES.join(', ')}` }),
  author: z.string().trim().min(1).optional(),
});

export interface LoadCorpusOptions {
  onWarning?: (message: string) => void;
}

/**
 * Reads every Markdown file directly in `dir`, validates it and returns the documents sorted by id.
 * Collects every problem in every file before failing, so one run tells the whole story.
 */
export function loadCorpus(dir: string, options: LoadCorpusOptions = {}): CorpusDocument[] {
  const root = resolve(dir);
  let entries: string[];
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(root).sort();
  } catch (error) {
    throw new CorpusError('CORPUS_UNREADABLE', [{ file: root, message: (error as Error).message }], `Cannot read the corpus directory ${root}.`);
  }

  const documents: CorpusDocument[] = [];
  const problems: CorpusProblem[] = [];
  const filesById = new Map<string, string>();

  for (const name of entries) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      options.onWarning?.(`corpus: skipping ${name}: broken link`);
      continue;
    }
    if (!real.startsWith(realpathSync(root) + sep)) {
      // Only files that really live in CORPUS_DIR are read: a link must not expose files elsewhere on the machine.
      options.onWarning?.(`corpus: skipping ${name}: it points outside the corpus directory`);
      continue;
    }
    if (!statSync(real).isFile()) continue;
    if (!MARKDOWN_EXTENSIONS.has(extname(name).toLowerCase())) {
      options.onWarning?.(`corpus: skipping ${name}: not a Markdown (.md) file`);
      continue;
    }
    const result = parseDocumentFile(name, readFileSync(real));
    if ('problems' in result) {
      problems.push(...result.problems);
      continue;
    }
    const previous = filesById.get(result.document.id);
    if (previous) {
      problems.push({ file: name, field: 'id', message: `duplicate id "${result.document.id}" (also used by ${previous})` });
      continue;
    }
    filesById.set(result.document.id, name);
    documents.push(result.document);
  }

  if (problems.length > 0) {
    throw new CorpusError('CORPUS_INVALID', problems, `The corpus in ${root} has ${problems.length} problem(s); fix them and start again:`);
  }
  if (documents.length === 0) {
    throw new CorpusError('CORPUS_EMPTY', [{ file: root, message: 'no Markdown documents found' }], `The corpus in ${root} is empty.`);
  }
  return documents.sort((a, b) => a.id.localeCompare(b.id));
}

/** Parses one corpus file; pure, so each kind of bad file can be tested without touching the disk. */
export function parseDocumentFile(file: string, bytes: Uint8Array): { document: CorpusDocument } | { problems: CorpusProblem[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problems: [{ file, message: 'is not valid UTF-8 text; save it as UTF-8' }] };
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    return { problems: [{ file, message: 'has no front matter: start the file with a "---" line, the fields, and another "---" line' }] };
  }
  let meta: unknown;
  try {
    meta = parseYaml(match[1] ?? '');
  } catch (error) {
    return { problems: [{ file, field: 'front matter', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    return { problems: [{ file, field: 'front matter', message: 'must be a set of "field: value" lines' }] };
  }

  const problems: CorpusProblem[] = [];
  const fields = normaliseScalars(meta as Record<string, unknown>);
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') || 'front matter';
      const missing = issue.path.length === 1 && !(String(issue.path[0]) in fields);
      problems.push({ file, field, message: missing ? 'is missing' : issue.message });
    }
  }
  const body = text.slice(match[0].length).trim();
  if (body.length === 0) problems.push({ file, field: 'body', message: 'is empty: put the article text after the front matter' });
  if (!parsed.success || problems.length > 0) return { problems };

  const { url, author, ...rest } = parsed.data;
  return { document: { ...rest, ...(url ? { url } : {}), ...(author ? { author } : {}), body, file } };
}

/** YAML turns `date: 2022-06-05` into a string but `id: 2022` into a number; ids and dates are text here. */
function normaliseScalars(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (value === null) continue;
    out[key] = typeof value === 'number' ? String(value) : value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  return out;
}

function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return year >= 1000;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
