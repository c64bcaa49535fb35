/**
 * The key reference of docs/configuration.md, generated from the key table (config/keys.ts) so the
 * docs cannot drift from what the validator accepts. A test keeps the committed page current;
 * `node scripts/gen-config-keys.mjs` rewrites the marked sections.
 */
import { keysIn, scopedText, type KeyScope, type MergeRule } from './keys.js';

const HEADINGS: Readonly<Record<KeyScope, string>> = { root: 'key', profile: 'key', secret: 'field', provider: 'key' };

const MERGE: Readonly<Record<MergeRule, string>> = {
  nearest: 'nearest file',
  any: 'true if any file',
  union: 'all files, joined',
  entries: 'per entry (see below)',
  fields: 'per field',
  whole: 'nearest file, whole',
  none: '',
};

/** The Markdown table of the keys allowed in `scope`; the top level also says how files layer each key. */
export function configKeyTable(scope: KeyScope): string {
  const layered = scope === 'root';
  const rows = keysIn(scope).map((row) => `| \`${row.key}\` | ${row.docType} | ${scopedText(row.doc, scope)} |${layered ? ` ${MERGE[row.merge]} |` : ''}`);
  const head = layered
    ? [`| ${HEADINGS[scope]} | type | meaning | layering |`, '|---|---|---|---|']
    : [`| ${HEADINGS[scope]} | type | meaning |`, '|---|---|---|'];
  return [...head, ...rows].join('\n');
}

/** Replace every `<!-- config-keys:SCOPE -->` … `<!-- /config-keys -->` section of `markdown` with its table. */
export function renderConfigKeyDocs(markdown: string): string {
  return markdown.replace(
    /(<!-- config-keys:(root|profile|secret|provider) -->)[\s\S]*?(<!-- \/config-keys -->)/g,
    (_all, open: string, scope: KeyScope, close: string) => `${open}\n${configKeyTable(scope)}\n${close}`,
  );
}
