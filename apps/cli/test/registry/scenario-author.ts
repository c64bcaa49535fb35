import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistryContext } from './context.js';
import { mustSucceed, REPO_ROOT, runCommand } from '@fnox/test-kit';

const ROOT_DEV = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;

// Every public entry point of the contract, used the way a provider author's code and tests do.
const ENTRY_POINTS = `import { defineProvider, fieldsSchema, ProviderError, type ProviderContext } from '@fnox/contract';
import type { ProviderManifestReport } from '@fnox/contract/manifest';
import { providerConformance, type TestApi } from '@fnox/contract/testing';
export type Used = [typeof defineProvider, typeof fieldsSchema, ProviderError, ProviderContext, ProviderManifestReport, typeof providerConformance, TestApi];
`;

/** Scenario 7: a third-party author compiles a provider against the published @fnox/contract. */
export function describeProviderAuthor(ctx: RegistryContext): void {
  describe('7. a provider author builds against @fnox/contract from the registry', () => {
    it("the example provider's source type-checks against the published declarations (skipLibCheck off)", async () => {
      const project = join(ctx.work, 'author');
      cpSync(join(REPO_ROOT, 'examples/provider-env-file/src'), join(project, 'src'), { recursive: true });
      writeFileSync(join(project, 'src', 'entry-points.ts'), ENTRY_POINTS);
      writeFileSync(join(project, 'package.json'), '{ "name": "fnox-provider-author-check", "private": true, "type": "module" }\n');
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2023', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'],
            strict: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true, skipLibCheck: false, noEmit: true,
          },
          include: ['src'],
        }),
      );
      const env = { PATH: process.env.PATH, HOME: join(ctx.work, 'author-home'), ...ctx.registry.npmEnv() };
      const deps = ['@fnox/contract', `typescript@${ROOT_DEV.typescript}`, `@types/node@${ROOT_DEV['@types/node']}`];
      mustSucceed(await runCommand('npm', ['install', '-D', ...deps], { cwd: project, env, timeoutMs: 300_000 }), 'npm install -D @fnox/contract typescript');
      const tsc = await runCommand(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: project, env, timeoutMs: 180_000 });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.code).toBe(0);
    }, 480_000);
  });
}
