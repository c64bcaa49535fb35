/**
 * Other users' files (git's safe.directory lesson), as root: a fnox.toml that `nobody` wrote into a
 * world-writable sticky directory is not applied by root's shell hook, and `fnox trust` refuses it
 * (and files in a directory anyone may write to, or another user owns) without --force, naming
 * the reason. Positive controls: root's own file in the same sticky directory is trusted and
 * loaded; --force trusts the other user's file, until that user changes it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startShell } from '../shell/driver.js';

const NOBODY = 65534;
const CONFIG = '[secrets]\nSHARED = { default = "from-nobody" }\n';

/** Run a shell command as `nobody` (setpriv: no password, no login shell needed). */
function asNobody(script: string): void {
  execFileSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '/bin/sh', '-c', script], { stdio: 'pipe' });
}

describe.skipIf(process.getuid?.() !== 0)('config files another user controls (as root)', () => {
  let box: Sandbox;
  let shared: string;
  beforeEach(() => {
    box = sandbox({ trusted: false });
    shared = mkdtempSync(join(tmpdir(), 'fnox-shared-'));
    chmodSync(shared, 0o1777); // like /tmp
  });
  afterEach(() => {
    box.cleanup();
    rmSync(shared, { recursive: true, force: true });
  });

  it(
    "nobody's fnox.toml in a sticky world-writable dir: not applied by the hook, refused by fnox trust; --force trusts this content only",
    { timeout: 240_000 },
    async () => {
      const dir = join(shared, 'project');
      const file = join(dir, 'fnox.toml');
      asNobody(`mkdir -m 0755 '${dir}' && printf '%s' '${CONFIG}' > '${file}'`);

      const refused = await box.run(['trust', dir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`error: Refusing to trust ${file}: it is owned by another user (uid ${NOBODY})`);
      expect(refused.stderr).toContain(`fnox trust --force ${file}`);
      expect((await box.run(['trust', '--list'])).stdout).toBe('');

      const sh = await startShell(box, 'bash', { names: ['SHARED'] });
      try {
        let dump = await sh.step(`cd ${dir}`);
        expect(dump.has('SHARED')).toBe(false);
        // The terminal wraps long lines; join them back.
        expect(sh.screen().split('\n').join('')).toContain(
          `fnox: ${file} is not trusted: it is owned by another user (uid ${NOBODY}); not loaded. If you are sure: fnox trust --force ${file}`,
        );

        // Positive control: --force trusts exactly this content, and the hook loads it.
        const forced = await box.run(['trust', '--force', dir]);
        expect(forced.stdout).toBe(`✓ Trusted ${file} (despite: it is owned by another user (uid ${NOBODY}))\n`);
        dump = await sh.step('');
        expect(dump.get('SHARED')).toBe('from-nobody');

        // The other user changes it: untrusted again, unloaded.
        asNobody(`printf '%s' '[secrets]\nSHARED = { default = "changed-by-nobody" }\n' > '${file}'`);
        dump = await sh.step('');
        expect(dump.has('SHARED')).toBe(false);
      } finally {
        await sh.stop();
      }
    },
  );

  it("root's own file in the sticky dir is trusted; a writable non-sticky or foreign directory is refused", { timeout: 60_000 }, async () => {
    const mine = join(shared, 'mine');
    mkdirSync(mine, { mode: 0o755 });
    writeFileSync(join(mine, 'fnox.toml'), CONFIG);
    const ok = await box.run(['trust', mine]);
    expect(ok.code, ok.stderr).toBe(0);
    const hook = await box.run(['hook-env', '-s', 'bash'], { cwd: mine, env: { FNOX_SHELL: 'bash' } });
    expect(hook.stdout).toContain('export SHARED=from-nobody');

    const open = join(shared, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777); // anyone may replace files here
    writeFileSync(join(open, 'fnox.toml'), CONFIG);
    const openResult = await box.run(['trust', open]);
    expect(openResult.code).toBe(1);
    expect(openResult.stderr).toContain(`its directory ${open} is writable by anyone (no sticky bit), so the file can be replaced`);

    const foreign = join(shared, 'foreign');
    mkdirSync(foreign, { mode: 0o755 });
    writeFileSync(join(foreign, 'fnox.toml'), CONFIG);
    chownSync(foreign, NOBODY, NOBODY);
    const foreignResult = await box.run(['trust', foreign]);
    expect(foreignResult.code).toBe(1);
    expect(foreignResult.stderr).toContain(`its directory ${foreign} is owned by another user (uid ${NOBODY})`);
  });
});
