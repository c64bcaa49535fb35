/**
 * PowerShell. No PowerShell binary can be installed on this project's machines, so these tests
 * check the generated text (docs/shell-integration.md says so): single-quoted values with every
 * quote character PowerShell recognises doubled, unset lines, standalone hook-env output, the
 * prompt wrapper, --no-hook-env, and deactivate's restore and teardown.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

let box: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  box = sandbox();
  env = { FNOX_TRUSTED_CONFIG_PATHS: box.home };
});
afterEach(() => box.cleanup());

/** What PowerShell reads back from a single-quoted literal: `''` (or a doubled typographic quote) is one quote. */
function readPwshSingleQuoted(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ("'\u2018\u2019\u201a\u201b".includes(c)) {
      // Inside the literal a quote character only ever appears doubled.
      expect(body[i + 1], `lone quote at ${i} in ${literal}`).toBe(c);
      i++;
    }
    out += c;
  }
  return out;
}

describe('pwsh', () => {
  it('activate: wraps the prompt once, runs hook-env -s pwsh, --no-hook-env defines only the wrapper', async () => {
    const full = await box.run(['activate', 'pwsh']);
    expect(full.code).toBe(0);
    expect(full.stdout).toContain("$Env:FNOX_SHELL = 'pwsh'");
    expect(full.stdout).toContain('function global:fnox {');
    expect(full.stdout).toMatch(/& '[^']*node[^']*' '[^']*run\.js' hook-env -s pwsh \| Out-String/);
    expect(full.stdout).toContain('$global:__fnox_previous_prompt = $function:prompt');
    expect((await box.run(['activate', 'powershell'])).stdout).toBe(full.stdout);
    const bare = await box.run(['activate', 'pwsh', '--no-hook-env']);
    expect(bare.stdout).toContain('function global:fnox {');
    expect(bare.stdout).not.toContain('_fnox_hook');
  });

  it('hook-env -s pwsh: single-quoted values survive every quote, $, backtick and newline; unchanged prints nothing', async () => {
    const value = "it's ‘curly’ ‚low‛ $env:HOME `n $(whoami) \"dq\"\nline2";
    writeFileSync(join(box.project, 'fnox.toml'), `[providers.plain]\ntype = "plain"\n\n[secrets]\nA = { provider = "plain", value = ${JSON.stringify(value)} }\n`);
    const first = await box.run(['hook-env', '-s', 'pwsh'], { env });
    expect(first.code).toBe(0);
    const match = /^\$Env:A = ('(?:[^']|'')*')\n/m.exec(first.stdout);
    expect(match, first.stdout).not.toBeNull();
    expect(readPwshSingleQuoted(match![1]!)).toBe(value);
    expect(first.stdout).not.toContain('__fnox_');
    const session = /^\$Env:__FNOX_SESSION = '([^']*)'$/m.exec(first.stdout)![1]!;
    const again = await box.run(['hook-env', '-s', 'pwsh'], { env: { ...env, A: value, __FNOX_SESSION: session } });
    expect(again.stdout).toBe('');
  });

  it('leaving and deactivate: restore the user value, remove what the user did not have, tear down', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nDATABASE_URL = { default = "project" }\nNEW = { default = "n" }\n');
    const first = await box.run(['hook-env', '-s', 'pwsh'], { env: { ...env, DATABASE_URL: "user's db" } });
    const session = /^\$Env:__FNOX_SESSION = '([^']*)'$/m.exec(first.stdout)![1]!;
    const inside = { ...env, DATABASE_URL: 'project', NEW: 'n', __FNOX_SESSION: session, FNOX_SHELL: 'pwsh' };
    const left = await box.run(['hook-env', '-s', 'pwsh'], { env: inside, cwd: box.home });
    expect(left.stdout).toContain("$Env:DATABASE_URL = 'user''s db'\n");
    expect(left.stdout).toContain("Remove-Item -ErrorAction SilentlyContinue -LiteralPath 'Env:NEW'\n");
    const off = await box.run(['deactivate'], { env: inside });
    expect(off.code).toBe(0);
    expect(off.stdout).toContain("$Env:DATABASE_URL = 'user''s db'\n");
    expect(off.stdout).toContain("Remove-Item -ErrorAction SilentlyContinue -LiteralPath 'Env:NEW'\n");
    expect(off.stdout).toContain('$function:global:prompt = $global:__fnox_previous_prompt');
    expect(off.stdout).toContain("Remove-Item -ErrorAction SilentlyContinue -LiteralPath 'Env:FNOX_SHELL'");
  });
});
