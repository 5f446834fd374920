import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus, parseDocumentFile } from '../../src/retrieval/corpus/load.ts';
import { CorpusError } from '../../src/retrieval/errors.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const doc = (fields: Record<string, string>, body = 'The referendum was held on 5 June 2022.') =>
  `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n${body}\n`;
const valid = { id: 'sample-doc', title: 'A title', publisher: 'Kazinform', date: '2022-06-05', language: 'en' };

function problemsOf(file: string, text: string | Uint8Array) {
  const result = parseDocumentFile(file, typeof text === 'string' ? utf8(text) : text);
  if (!('problems' in result)) throw new Error('expected problems');
  return result.problems;
}

describe('parseDocumentFile', () => {
  it('reads a valid file with all fields, url optional', () => {
    const result = parseDocumentFile('a.md', utf8(doc({ ...valid, url: 'https://example.org/a' })));
    expect(result).toMatchObject({ document: { id: 'sample-doc', title: 'A title', date: '2022-06-05', url: 'https://example.org/a', body: 'The referendum was held on 5 June 2022.' } });
    const noUrl = parseDocumentFile('b.md', utf8(doc(valid)));
    expect('document' in noUrl && 'url' in noUrl.document).toBe(false);
  });

  it('accepts reduced-precision ISO dates when the day is not known', () => {
    for (const date of ['2022-06', '2022']) expect('document' in parseDocumentFile('a.md', utf8(doc({ ...valid, date })))).toBe(true);
  });

  it('names the file and the field for a missing title', () => {
    const { title: _omit, ...rest } = valid;
    expect(problemsOf('no-title.md', doc(rest))).toEqual([{ file: 'no-title.md', field: 'title', message: 'is missing' }]);
  });

  it.each(['2022-13-01', '2022-02-30', '05.06.2022', 'June 5', 'soon'])('rejects the bad date %s', (date) => {
    const problems = problemsOf('bad-date.md', doc({ ...valid, date: `"${date}"` }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'bad-date.md', field: 'date' });
  });

  it('rejects an empty body, a bad url, a bad id and bad language at once', () => {
    const problems = problemsOf('x.md', doc({ ...valid, id: 'Bad Id!', url: 'javascript:alert(1)', language: 'English' }, '   '));
    expect(problems.map((p) => p.field).sort()).toEqual(['body', 'id', 'language', 'url']);
  });

  it.each(['de', 'fr', 'en-GB', 'russian'])('rejects language %s: only the languages the bot reads (en, ru, kk)', (language) => {
    expect(problemsOf('lang.md', doc({ ...valid, language }))).toEqual([{ file: 'lang.md', field: 'language', message: expect.stringContaining('en, ru, kk') }]);
  });

  it.each(['ru', 'kk'])('accepts language %s', (language) => {
    expect('document' in parseDocumentFile('a.md', utf8(doc({ ...valid, language })))).toBe(true);
  });

  it.each([
    'https://localhost/a',
    'http://intranet/page',
    'https://example.org/a b',
    'https://user:secret@example.org/',
    'http://127.0.0.1/x',
    'http://192.168.1.10/x',
    'http://[::1]/x',
    'ftp://example.org/file',
    'https://printer.local/x',
  ])('rejects the URL %s, which Telegram refuses or a reader cannot open', (url) => {
    expect(problemsOf('url.md', doc({ ...valid, url: JSON.stringify(url) }))).toEqual([{ file: 'url.md', field: 'url', message: expect.any(String) }]);
  });

  it('accepts public http(s) URLs', () => {
    for (const url of ['https://www.inform.kz/en/a_b-1', 'http://kisi.kz/en/x?y=1#z', 'https://93.184.216.34/page']) {
      expect('document' in parseDocumentFile('a.md', utf8(doc({ ...valid, url }))), url).toBe(true);
    }
  });

  it('rejects a file that is not UTF-8', () => {
    const latin1 = new Uint8Array([...utf8('---\nid: a\n---\n'), 0xe9, 0x74, 0xe9]);
    expect(problemsOf('latin1.md', latin1)).toEqual([{ file: 'latin1.md', message: expect.stringContaining('UTF-8') }]);
  });

  it('rejects missing front matter and broken YAML', () => {
    expect(problemsOf('plain.md', 'Just text')[0]!.message).toContain('front matter');
    expect(problemsOf('yaml.md', '---\ntitle: [unclosed\n---\nbody')[0]).toMatchObject({ field: 'front matter' });
  });

  it('strips a BOM and Windows line endings', () => {
    const result = parseDocumentFile('crlf.md', utf8('\uFEFF' + doc(valid).replace(/\n/g, '\r\n')));
    expect('document' in result && result.document.body).toBe('The referendum was held on 5 June 2022.');
  });
});

describe('loadCorpus', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const make = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('loads Markdown files sorted by id and warns about other files', () => {
    const warnings: string[] = [];
    const docs = loadCorpus(make({ 'b.md': doc({ ...valid, id: 'b' }), 'a.md': doc({ ...valid, id: 'a' }), 'notes.txt': 'hello' }), { onWarning: (w) => warnings.push(w) });
    expect(docs.map((d) => d.id)).toEqual(['a', 'b']);
    expect(warnings).toEqual([expect.stringContaining('notes.txt')]);
  });

  it('reports duplicate ids naming both files, and every bad file in one error', () => {
    const { title: _t, ...noTitle } = valid;
    const error = (() => {
      try {
        loadCorpus(make({ 'one.md': doc({ ...valid, id: 'same' }), 'two.md': doc({ ...valid, id: 'same' }), 'three.md': doc({ ...noTitle, id: 'c' }) }));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CorpusError);
    const e = error as CorpusError;
    expect(e.code).toBe('CORPUS_INVALID');
    expect(e.message).toContain('two.md [id]: duplicate id "same" (also used by one.md)');
    expect(e.message).toContain('three.md [title]: is missing');
  });

  it('fails clearly on an empty or missing directory', () => {
    expect(() => loadCorpus(make({}))).toThrow(/empty/);
    expect(() => loadCorpus(join(dir, 'nope'))).toThrow(CorpusError);
  });

  it('the shipped corpus is valid', () => {
    dir = mkdtempSync(join(tmpdir(), 'unused-'));
    const docs = loadCorpus('corpus');
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const d of docs) {
      expect(d.body).not.toMatch(/Skip to content|Home »|Main page »|\[bws_pdfprint|^\s*date \d{4}/);
    }
  });
});
