import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { expandHome, ProviderError } from '@fnox/contract';
import { DotenvSyntaxError, parseDotenv } from './dotenv.js';

/** A dotenv file, read once per provider instance. */
export interface EnvFile {
  /** Absolute path, for messages. */
  readonly path: string;
  /** Name → value, in file order. */
  readonly values: ReadonlyMap<string, string>;
}

/** Where `path` from the provider table points: `~` expanded, relative paths under the declaring fnox.toml's directory. */
export function envFilePath(path: string, configDir: string, home: string = homedir()): string {
  const expanded = expandHome(path, { HOME: home });
  return isAbsolute(expanded) ? expanded : resolve(configDir, expanded);
}

/** Read and parse the file. Every failure is a {@link ProviderError} naming the file, never a value. */
export async function readEnvFile(path: string, configDir: string, home?: string): Promise<EnvFile> {
  const absolute = envFilePath(path, configDir, home);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ProviderError('denied', `Cannot read env file ${absolute}: permission denied`, {
        hint: 'Give the user running fnox read access to the file',
      });
    }
    const hint = `Check \`path\` in the provider table; a relative path is resolved from ${configDir}`;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ProviderError('config', `Env file not found: ${absolute}`, { hint });
    throw new ProviderError('config', `Cannot read env file ${absolute}: ${code ?? 'read failed'}`, { hint });
  }
  try {
    return { path: absolute, values: parseDotenv(text) };
  } catch (error) {
    if (!(error instanceof DotenvSyntaxError)) throw error;
    // The syntax error names a line number only, so it is safe to show.
    throw new ProviderError('invalid-response', `Cannot parse env file ${absolute}: ${error.message}`, {
      hint: 'Each line must be NAME=value, a # comment or blank; close every quote',
    });
  }
}
