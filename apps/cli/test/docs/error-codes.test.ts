/**
 * Every code of core's ERROR_CODES table has an entry in docs/troubleshooting.md whose diagnostic
 * id and exit status match the table; every code, diagnostic id and anchor the docs mention exists;
 * every relative link of docs/ and README.md points at a file (and heading) that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ERROR_CODES } from '@fnox/core/internal';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@fnox/test-kit';
import { docPages } from './runnable.js';

const TROUBLESHOOTING = join(REPO_ROOT, 'docs', 'troubleshooting.md');
const text = readFileSync(TROUBLESHOOTING, 'utf8');
const codes = Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[];
const diagnostics = new Set(Object.values(ERROR_CODES).map((c) => c.diagnostic));

/** The anchor GitHub gives a heading. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Headings of a Markdown text (outside code blocks) and their anchors, with duplicates numbered as GitHub does. */
function headings(markdown: string): { level: number; text: string; anchor: string; line: number }[] {
  const out: { level: number; text: string; anchor: string; line: number }[] = [];
  const seen = new Map<string, number>();
  let fence: string | undefined;
  markdown.split('\n').forEach((line, i) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1]![0]!.repeat(f[1]!.length);
      else if (line.trim().startsWith(fence)) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) return;
    const base = anchorOf(h[2]!.replace(/`/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ level: h[1]!.length, text: h[2]!, anchor: n === 0 ? base : `${base}-${n}`, line: i + 1 });
  });
  return out;
}

/** The text of the section under a `### code` heading, up to the next heading of level ≤ 3. */
function section(code: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `### ${code}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^#{1,3}\s/.test(lines[end]!)) end++;
  return lines.slice(start + 1, end).join('\n');
}

/** The source text of fnox's provider packages (where their diagnostic ids are declared). */
function providerSources(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(readFileSync(path, 'utf8'));
    }
  };
  for (const pkg of readdirSync(join(REPO_ROOT, 'packages'))) {
    if (pkg.startsWith('provider-') || pkg === 'aws-shared') {
      const src = join(REPO_ROOT, 'packages', pkg, 'src');
      if (existsSync(src)) walk(src);
    }
  }
  return out.join('\n');
}

describe('docs/troubleshooting.md and core ERROR_CODES', () => {
  it.each(codes)('%s has an entry with its diagnostic id and exit status', (code) => {
    const body = section(code);
    if (body === undefined) expect.fail(`docs/troubleshooting.md has no "### ${code}" entry (one per key of ERROR_CODES in packages/core/src/errors.ts)`);
    const { diagnostic, exit } = ERROR_CODES[code];
    expect(body, `the first line of the ${code} entry`).toContain(`\`${diagnostic}\` · exit ${exit}`);
    expect(body).toMatch(/\*\*Cause:\*\*/);
    expect(body).toMatch(/\*\*Fix:\*\*/);
    expect(body).toMatch(/\*\*Messages?:\*\*/);
  });

  it('lists only codes that exist (every ### entry is a key of ERROR_CODES)', () => {
    const entries = headings(text).filter((h) => h.level === 3).map((h) => h.text);
    expect(entries.filter((e) => !codes.includes(e as keyof typeof ERROR_CODES))).toEqual([]);
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('the contents line links every code', () => {
    const contents = text.split('\n## ')[0]!;
    for (const code of codes) expect(contents, code).toContain(`(#${code})`);
  });

  it('every provider diagnostic id in the table is one a provider really uses', () => {
    const table = text.split('## Provider diagnostic ids')[1] ?? '';
    const ids = [...table.matchAll(/^\| `(fnox::[a-z_:]+)` \|/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const sources = providerSources();
    for (const id of ids) expect(sources.includes(`'${id}'`) || diagnostics.has(id), id).toBe(true);
    for (const m of sources.matchAll(/'(fnox::[a-z_:]+)'/g)) expect(ids, `${m[1]} is used by a provider but not in the table`).toContain(m[1]);
  });

  it('every diagnostic id and debug code mentioned anywhere in docs/ exists', () => {
    const providerIds = new Set([...(text.split('## Provider diagnostic ids')[1] ?? '').matchAll(/^\| `(fnox::[a-z_:]+)` \|/gm)].map((m) => m[1]!));
    for (const page of docPages()) {
      const body = readFileSync(join(REPO_ROOT, page), 'utf8');
      for (const m of body.matchAll(/`(fnox::[a-z_:]+)`/g)) expect(diagnostics.has(m[1]!) || providerIds.has(m[1]!), `${page}: ${m[1]}`).toBe(true);
      for (const m of body.matchAll(/debug: code ([a-z_]+) \(/g)) expect(codes.includes(m[1] as keyof typeof ERROR_CODES), `${page}: ${m[1]}`).toBe(true);
    }
  });
});

describe('links in docs/ and README.md', () => {
  const files = [...docPages(), 'README.md'];
  it.each(files)('%s: relative links point at files and headings that exist', (page) => {
    const path = join(REPO_ROOT, page);
    const body = readFileSync(path, 'utf8').replace(/^( {0,3})(`{3,}|~{3,})[\s\S]*?^\1\2\s*$/gm, '').replace(/`[^`\n]*`/g, '');
    const broken: string[] = [];
    for (const m of body.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/i.test(target)) continue;
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const targetPath = file === '' ? path : resolve(dirname(path), file);
      if (!existsSync(targetPath)) {
        broken.push(`${target} (no file ${relative(REPO_ROOT, targetPath)})`);
        continue;
      }
      if (anchor && targetPath.endsWith('.md')) {
        const anchors = headings(readFileSync(targetPath, 'utf8')).map((h) => h.anchor);
        if (!anchors.includes(anchor)) broken.push(`${target} (no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
