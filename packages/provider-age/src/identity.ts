import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { BoundedReadError, isProviderError, ProviderError, readRegularFileSync, type ProviderContext } from '@fnox/contract';
import type { AgeConfig } from './config.js';
import { AGE_DIAGNOSTICS, IdentityParseError, identityNotFound, identityParseFailed, identityReadFailed } from './errors.js';
import { parseIdentityText, type IdentitySet } from './identity-file.js';

/** Where an identity came from, for hints ("looked in ...") and debug lines. Never the key itself. */
export interface IdentitySource {
  readonly description: string;
  /** The file that was read, when the source is a file. */
  readonly path?: string;
}

/** Identities ready for decryption, with their source. */
export interface LoadedIdentities {
  readonly set: IdentitySet;
  readonly source: IdentitySource;
}

/** Expand a leading `~` (or `~/`) with HOME from the provider environment, then the OS. */
export function expandHome(path: string, env: ProviderContext['env']): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  return join(env.HOME || homedir(), path.slice(1));
}

async function readKeyFile(path: string, ctx: ProviderContext, isDefault: boolean): Promise<string> {
  let text: string;
  try {
    // A regular file of at most 1 MiB: a key_file of /dev/stdin, a FIFO or /dev/zero is refused.
    text = readRegularFileSync(path).toString('utf8');
  } catch (error) {
    const code = error instanceof BoundedReadError ? error.reason : ((error as NodeJS.ErrnoException).code ?? 'unknown error');
    if (isDefault && code === 'ENOENT') throw identityNotFound(path);
    throw identityReadFailed(path, error instanceof BoundedReadError && !/^E[A-Z]+$/.test(code) ? error.detail : code);
  }
  warnIfLoose(path, ctx);
  return text;
}

/**
 * Private keys should not be readable by others; say so (as ssh does), but keep working. A sync
 * stat: the async one loads fs/promises and waits on the thread pool, on every `fnox get`.
 */
function warnIfLoose(path: string, ctx: ProviderContext): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      ctx.log.warn(`age identity file ${path} is accessible by group or others (mode ${mode.toString(8).padStart(3, '0')}); restrict it with: chmod 600 ${path}`);
    }
  } catch {
    // The file was just read; a failing stat only loses the warning.
  }
}

async function fromProviderReference(config: AgeConfig, ctx: ProviderContext): Promise<string> {
  const ref = config.identity!;
  try {
    return await ctx.resolveSecret(ref.provider, ref.value);
  } catch (error) {
    // Core's errors (cycles, missing provider) already speak for themselves.
    if (isProviderError(error)) throw error;
    throw new ProviderError('identity', `Failed to resolve age identity from provider '${ref.provider}'`, {
      hint: `Check that provider '${ref.provider}' can resolve '${ref.value}'`,
      diagnostic: AGE_DIAGNOSTICS.identityReadFailed,
      cause: error,
    });
  }
}

/** The identity file fnox uses when nothing else is configured: `age.txt` in the global config directory. */
export function defaultIdentityPath(globalConfigDir: string): string {
  return join(globalConfigDir, 'age.txt');
}

/** One place an identity may come from, in the order they are tried. */
export type IdentityStep =
  | { readonly kind: 'env'; readonly description: string }
  | { readonly kind: 'ref'; readonly description: string }
  | { readonly kind: 'file'; readonly description: string; readonly label: string; readonly path: string; readonly isDefault: boolean };

/**
 * Every source of an identity that applies, first used: `FNOX_AGE_KEY` (content;
 * set-but-empty still counts), the `identity` provider reference, `key_file` (relative to the
 * declaring file), `--age-key-file` then `FNOX_AGE_KEY_FILE`, and finally
 * {@link defaultIdentityPath}. The one resolver behind decryption, `fnox doctor` and `fnox init`.
 */
export function identityPlan(config: Partial<AgeConfig>, ctx: Pick<ProviderContext, 'env' | 'configDir' | 'globalConfigDir' | 'name'> & { readonly options?: ProviderContext['options'] }): IdentityStep[] {
  const steps: IdentityStep[] = [];
  if (ctx.env.FNOX_AGE_KEY !== undefined) steps.push({ kind: 'env', description: 'the FNOX_AGE_KEY environment variable' });
  if (config.identity) {
    const { provider, value } = config.identity;
    steps.push({ kind: 'ref', description: `provider '${provider}' (value '${value}')` });
  }
  const files: [string | undefined, string][] = [
    [config.key_file && resolve(ctx.configDir, expandHome(config.key_file, ctx.env)), `key_file of provider '${ctx.name}'`],
    // The flag and the variable are the user's own, given relative to where they run fnox.
    [ctx.options?.['age-key-file'] ? resolve(ctx.options['age-key-file']) : undefined, '--age-key-file'],
    [ctx.env.FNOX_AGE_KEY_FILE ? resolve(expandHome(ctx.env.FNOX_AGE_KEY_FILE, ctx.env)) : undefined, 'FNOX_AGE_KEY_FILE'],
  ];
  for (const [path, label] of files) if (path) steps.push({ kind: 'file', description: `${label} (${path})`, label, path, isDefault: false });
  const fallback = defaultIdentityPath(ctx.globalConfigDir);
  steps.push({ kind: 'file', description: `the default identity file ${fallback}`, label: 'default identity file', path: fallback, isDefault: true });
  return steps;
}

/** Find the identity text from the first step of {@link identityPlan}. */
export async function findIdentityText(config: AgeConfig, ctx: ProviderContext): Promise<{ text: string; source: IdentitySource }> {
  const step = identityPlan(config, ctx)[0]!;
  if (step.kind === 'env') return { text: ctx.env.FNOX_AGE_KEY!, source: { description: step.description } };
  if (step.kind === 'ref') return { text: await fromProviderReference(config, ctx), source: { description: step.description } };
  return { text: await readKeyFile(step.path, ctx, step.isDefault), source: { description: step.description, path: step.path } };
}

/** Find and parse the identities; parse failures become `Failed to parse age identity: ...`. */
export async function loadIdentities(config: AgeConfig, ctx: ProviderContext): Promise<LoadedIdentities> {
  const { text, source } = await findIdentityText(config, ctx);
  try {
    const set = parseIdentityText(text);
    ctx.log.debug(`age: using ${set.stanza.length + set.libraryOnly.length} identity(ies) from ${source.description}`);
    return { set, source };
  } catch (error) {
    if (error instanceof IdentityParseError) throw identityParseFailed(error.message, source.description);
    throw error;
  }
}
