import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPackageJson, SUPPORTED_CONTRACTS } from '@fnox/contract';
import { FnoxError } from '@fnox/core/internal';
import { readTarballPackageJson } from './tarball.js';

type PackageJson = Record<string, unknown>;

/** The package.json of a local plugin source (a folder, or a `file:` folder or tarball), when readable. */
export function localPackageJson(spec: string, cwd: string): PackageJson | undefined {
  let path: string;
  if (spec.startsWith('file://')) path = fileURLToPath(spec);
  else if (spec.startsWith('file:')) path = resolve(cwd, spec.slice('file:'.length));
  else if (!spec.includes(':') && (spec.startsWith('.') || spec.startsWith('/'))) path = resolve(cwd, spec);
  else return undefined;
  if (!existsSync(path)) return undefined;
  if (statSync(path).isDirectory()) return readPackageJson<PackageJson>(join(path, 'package.json'));
  return readTarballPackageJson(path);
}

/**
 * Refuse a provider plugin built for a contract major this fnox cannot load. Packages without a
 * `fnox` field (ordinary oclif plugins) are not provider plugins and pass.
 */
export function assertSupportedContract(pjson: PackageJson, source: string): void {
  const fnox = pjson.fnox as { contract?: unknown } | undefined;
  if (typeof fnox !== 'object' || fnox === null) return;
  if (typeof fnox.contract === 'number' && SUPPORTED_CONTRACTS.includes(fnox.contract)) return;
  const name = typeof pjson.name === 'string' ? pjson.name : source;
  const version = typeof pjson.version === 'string' ? `@${pjson.version}` : '';
  const supported = SUPPORTED_CONTRACTS.join(', ');
  throw new FnoxError(
    'plugin_contract_unsupported',
    `${name}${version} is built for fnox provider contract ${String(fnox.contract)}; this fnox supports contract ${supported}`,
    { hint: `Install a version of ${name} built for contract ${supported}, or upgrade fnox to one that supports contract ${String(fnox.contract)}.` },
  );
}
