/**
 * docs/cli-reference.md is generated from the oclif manifest of the built CLI. This test fails when
 * the committed page is not what `node scripts/gen-cli-reference.mjs` would write now.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { generate, MANIFEST, OUTPUT, renderReference } from '../../../../scripts/gen-cli-reference.mjs';

const REGENERATE = 'docs/cli-reference.md is stale: run `node scripts/gen-cli-reference.mjs` (after `pnpm build`) and commit the result';

interface ManifestFlag { name: string; hidden?: boolean; helpGroup?: string; char?: string }
interface ManifestCommand { id: string; hidden?: boolean; aliases?: string[]; hiddenAliases?: string[]; flags: Record<string, ManifestFlag> }
const manifest = JSON.parse(readFileSync(MANIFEST as string, 'utf8')) as { commands: Record<string, ManifestCommand> };

describe('docs/cli-reference.md', () => {
  it('matches what the generator writes from the current oclif manifest', () => {
    const committed = readFileSync(OUTPUT as string, 'utf8');
    const fresh = (generate as () => string)();
    if (committed !== fresh) expect.fail(REGENERATE);
    expect(committed).toBe(fresh);
  });

  it('has a section for every visible command and alias, and none for hidden ones', () => {
    const page = (generate as () => string)();
    for (const command of Object.values(manifest.commands)) {
      const heading = `### fnox ${command.id.split(':').join(' ')}\n`;
      if (command.hidden) expect(page, command.id).not.toContain(heading);
      else expect(page, command.id).toContain(heading);
      for (const alias of command.aliases ?? []) expect(page, alias).toContain(`\`fnox ${alias.split(':').join(' ')}\``);
      for (const alias of command.hiddenAliases ?? []) expect(page, alias).not.toContain(`\`fnox ${alias.split(':').join(' ')}\``);
      for (const flag of command.hidden ? [] : Object.values(command.flags)) {
        if (flag.hidden) expect(page, `${command.id} --${flag.name}`).not.toMatch(new RegExp(`\`(-., )?--(\\[no-\\])?${flag.name}[\` ]`));
        else expect(page, `${command.id} --${flag.name}`).toMatch(new RegExp(`--(\\[no-\\])?${flag.name}\\b`));
      }
    }
  });

  it('detects drift: a new command, flag or example changes the page', () => {
    const base = (renderReference as (m: unknown) => string)(manifest);
    const withCommand = structuredClone(manifest) as { commands: Record<string, unknown> };
    withCommand.commands['frobnicate'] = { id: 'frobnicate', summary: 'A command added after the docs were written.', args: {}, flags: {}, examples: [] };
    expect((renderReference as (m: unknown) => string)(withCommand)).not.toBe(base);

    const withFlag = structuredClone(manifest) as { commands: Record<string, { flags: Record<string, unknown> }> };
    withFlag.commands['get']!.flags['shiny'] = { name: 'shiny', type: 'boolean', summary: 'New.' };
    expect((renderReference as (m: unknown) => string)(withFlag)).not.toBe(base);
  });

  it('the script is where the failure message says', () => {
    expect(fileURLToPath(new URL('../../../../scripts/gen-cli-reference.mjs', import.meta.url))).toMatch(/scripts\/gen-cli-reference\.mjs$/);
  });
});
