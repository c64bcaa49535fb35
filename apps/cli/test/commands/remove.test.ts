import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { expectHelp } from './help-check.js';

let box: Sandbox;
let file: string;
const BASE = `root = true

[secrets]
# keep me
A = { default = "a" }
# about B
B = { default = "b" } # trailing
C = { default = "c" }

[profiles.dev.secrets]
D = { default = "d" }
`;

beforeEach(() => {
  box = sandbox();
  file = join(box.project, 'fnox.toml');
  writeFileSync(file, BASE);
});
afterEach(() => box.cleanup());

describe('fnox remove', () => {
  it('removes exactly the entry (and the comment lines above it)', async () => {
    const result = await box.run(['remove', 'B']);
    expect(result).toMatchObject({ code: 0, stdout: '✓ Removed secret B\n', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(BASE.replace('# about B\nB = { default = "b" } # trailing\n', ''));
  });

  it('removes from a profile section with -P, and dry-run changes nothing', async () => {
    const dry = await box.run(['rm', 'D', '-P', 'dev', '-n']);
    expect(dry.stdout).toBe(`[dry-run] Would remove secret D from profile dev from ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(BASE);
    const result = await box.run(['delete', 'D', '-P', 'dev']);
    expect(result.stdout).toBe('✓ Removed secret D from profile dev\n');
    expect(readFileSync(file, 'utf8')).toBe(BASE.replace('D = { default = "d" }\n', ''));
  });

  it('reports a key that is only in another section', async () => {
    const result = await box.run(['remove', 'D']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: Secret 'D' not found in profile 'default' (fnox::secret::not_found)\n  Config file: ${file}\nhint: Run \`fnox list --sources\` to see where secrets are defined.\n`);
  });

  it('has help with an example', () => expectHelp(box, 'remove'));
});
