import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistryContext } from './context.js';
import { mustSucceed, runCommand } from '@fnox/test-kit';
import { installedNames } from './tree.js';

/** The first `http://127.0.0.1:PORT` line a started emulator prints, then it is stopped with SIGTERM. */
async function startedUrl(bin: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fnox-aws-emulator printed no URL: ${out}`));
    }, 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', () => reject(new Error(`fnox-aws-emulator exited early: ${out}`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Scenario 6: a CI setup that installs the emulator from the registry and runs its bin. */
export function describeEmulatorPackage(ctx: RegistryContext): void {
  describe('6. npm install -D @fnox/aws-emulator from the registry', () => {
    it('installs with no dependencies and its fnox-aws-emulator bin serves on loopback', async () => {
      const project = join(ctx.work, 'ci-project');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), '{ "name": "ci-project", "private": true }\n');
      const env = { PATH: process.env.PATH, HOME: join(ctx.work, 'ci-home'), ...ctx.registry.npmEnv() };
      mustSucceed(
        await runCommand('npm', ['install', '-D', '@fnox/aws-emulator'], { cwd: project, env, timeoutMs: 300_000 }),
        'npm install -D @fnox/aws-emulator',
      );
      expect([...installedNames(project)]).toEqual(['@fnox/aws-emulator']);
      const emulator = await startedUrl(join(project, 'node_modules', '.bin', 'fnox-aws-emulator'), env);
      try {
        const health = await fetch(`${emulator.url}/__emu/health`);
        expect(await health.json()).toEqual({ ok: true });
      } finally {
        expect(await emulator.stop()).toBe(0);
      }
    }, 360_000);
  });
}
