import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { createSession, type FnoxSession, type GlobalOptions } from '../../src/session.js';

export interface TestSession {
  readonly session: FnoxSession;
  readonly warnings: string[];
}

/** A session isolated from the user's environment: own HOME and global config dir. */
export function testSession(cwd: string, options: GlobalOptions = {}, env: NodeJS.ProcessEnv = {}): TestSession {
  const warnings: string[] = [];
  const home = env.HOME ?? tempDir('fnox-home-');
  const session = createSession({
    cwd,
    env: { HOME: home, FNOX_CONFIG_DIR: join(home, '.config', 'fnox'), ...env },
    options,
    registry: createProviderRegistry(),
    log: { warn: (m) => warnings.push(m), debug: () => undefined, info: () => undefined },
    stdinIsTTY: false,
  });
  return { session, warnings };
}

/** A fresh temp directory (realpath, so macOS /private prefixes don't break comparisons). */
export function tempDir(prefix = 'fnox-test-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}
