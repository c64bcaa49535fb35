/** Shared setup for the get/exec/export/check CLI tests: a sandbox with its own FNOX_CONFIG_DIR. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sandbox, type Sandbox } from '@fnox/test-kit';

/** A sandbox whose project holds `toml` as fnox.toml; FNOX_CONFIG_DIR points inside the sandbox. */
export function project(toml: string): Sandbox {
  const box = sandbox();
  const configDir = join(box.home, '.config', 'fnox');
  (box.env as Record<string, string>).FNOX_CONFIG_DIR = configDir;
  writeFileSync(join(box.project, 'fnox.toml'), toml);
  return box;
}

export const PLAIN = '[providers.plain]\ntype = "plain"\n\n[secrets]\n';

/** {@link project} for a whole test file: every sandbox made is removed after all its tests. */
export function projects(afterAll: (fn: () => void) => void): (toml: string) => Sandbox {
  const boxes: Sandbox[] = [];
  afterAll(() => boxes.forEach((b) => b.cleanup()));
  return (toml) => {
    const box = project(toml);
    boxes.push(box);
    return box;
  };
}
