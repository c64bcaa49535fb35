/**
 * The hook's deadline, black-box: a linked provider plugin that never answers (and keeps the event
 * loop busy, as an open socket would) does not freeze `fnox hook-env`: it exits 0 after
 * FNOX_HOOK_TIMEOUT with one line saying so, and bash keeps the previous environment. Positive
 * control: the same provider answering loads its secret.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const CONTRACT = pathToFileURL(fileURLToPath(new URL('../../../../packages/contract/dist/index.js', import.meta.url))).href;
const FNOX = `${process.execPath} ${FNOX_BIN}`;

let box: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  box = sandbox();
  const plugin = join(box.home, 'fnox-provider-slow');
  mkdirSync(plugin);
  writeFileSync(
    join(plugin, 'package.json'),
    JSON.stringify({ name: 'fnox-provider-slow', version: '1.0.0', type: 'module', fnox: { contract: 1, providers: { slow: { entry: './provider.js', mode: 'read' } } } }),
  );
  writeFileSync(
    join(plugin, 'provider.js'),
    `import { defineProvider, fieldsSchema } from ${JSON.stringify(CONTRACT)};
export default defineProvider({
  type: 'slow',
  mode: 'read',
  configSchema: fieldsSchema({}),
  create: () => ({
    // 'hang' never answers and keeps the event loop alive, like a socket that never replies.
    get: ({ value }) => (value === 'hang' ? new Promise(() => setInterval(() => {}, 1000)) : Promise.resolve('answered-' + value)),
  }),
});
`,
  );
  const data = join(box.home, '.local', 'share', 'fnox');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'package.json'), JSON.stringify({ oclif: { plugins: [{ name: 'fnox-provider-slow', type: 'link', root: plugin }] } }));
  for (const [dir, value] of [
    ['fast', 'ok'],
    ['hung', 'hang'],
  ]) {
    mkdirSync(join(box.project, dir));
    writeFileSync(join(box.project, dir, 'fnox.toml'), `[providers.s]\ntype = "slow"\n\n[secrets]\n${dir.toUpperCase()} = { provider = "s", value = "${value}" }\n`);
  }
  env = { ...box.env, FNOX_TRUSTED_CONFIG_PATHS: box.home, FNOX_HOOK_TIMEOUT: '1' };
});
afterEach(() => box.cleanup());

describe('hook deadline', () => {
  it('a provider that never answers: exit 0 after the deadline, one line, the previous environment kept', () => {
    const script = `cd fast; eval "$(${FNOX} hook-env -s bash)"; echo "FAST=$FAST"; cd ../hung; eval "$(${FNOX} hook-env -s bash)"; echo "status=$? FAST=$FAST HUNG=\${HUNG-unset}"`;
    const started = Date.now();
    const result = spawnSync('/usr/bin/bash', ['--norc', '--noprofile', '-c', script], { cwd: box.project, env, encoding: 'utf8', timeout: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000); // never a timing assertion on speed: only "it did not hang"
    expect(result.stdout).toBe('FAST=answered-ok\nstatus=0 FAST=answered-ok HUNG=unset\n');
    expect(result.stderr).toContain(
      'fnox: secrets not reloaded: loading took longer than 1s (FNOX_HOOK_TIMEOUT); keeping the previous environment, will retry at the next prompt',
    );
  });
});
