import { readFileSync } from 'node:fs';

/**
 * The parsed `package.json` at `path`, or `undefined` when it is missing or not JSON: how fnox
 * reads plugin and application manifests, where an unreadable one means "not a plugin", never a crash.
 */
export function readPackageJson<T extends object = Record<string, unknown>>(path: string): T | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}
