import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOutsideReferences } from '../src/references.js';
import { REPO_ROOT } from '../src/repo-root.js';

describe('the repository explains itself', () => {
  // This file and the checker name the patterns they look for.
  const self = ['packages/test-kit/src/references.ts', 'packages/test-kit/test/repository.test.ts'];

  it('no code, doc or script cites a document that is not in the repository', () => {
    const found = findOutsideReferences(REPO_ROOT, self).map((r) => `${r.file}:${r.line}: ${r.text}`);
    expect(found).toEqual([]);
  });

  describe('positive control: the checker finds each kind of citation', () => {
    const root = mkdtempSync(join(tmpdir(), 'fnox-refs-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('finds note sections, note names, the shared folder beside the checkout and bare section signs in code; RFC sections pass', () => {
      mkdirSync(join(root, 'src'));
      mkdirSync(join(root, 'node_modules'));
      // Built from parts, so this file itself never matches a repository-wide grep.
      const note = (name: string) => `${name}.md`;
      const lines = [
        `// resolution order (${'SPEC'} §5.2)`,
        `// see ${'DESIGN'} §3`,
        `/* bundling: ${note('STARTUP')} */`,
        `const vectors = '${'..'}/shared/testdata';`,
        '// the import path rule (\u00a73.5)',
        `// ${note('TOOL' + 'CHAIN')} says so`,
        '// SSH wire format (RFC 4251 §5)',
        '// no reference here',
      ];
      writeFileSync(join(root, 'src', 'a.ts'), `${lines.join('\n')}\n`);
      writeFileSync(join(root, 'notes.md'), `Chapters (§2) of this doc are fine in prose; ${note('TRUST')} is not.\n`);
      writeFileSync(join(root, 'node_modules', 'x.js'), `// ${'SPEC'} §1\n`);
      const found = findOutsideReferences(root).map((r) => `${r.file}:${r.line}`);
      expect(found).toEqual(['notes.md:1', 'src/a.ts:1', 'src/a.ts:2', 'src/a.ts:3', 'src/a.ts:4', 'src/a.ts:5', 'src/a.ts:6']);
    });
  });
});
