import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BoundedReadError, expandHome, isProviderError, ProviderError, readRegularFileSync, type ProviderContext } from '@fnox/contract';
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
  await warnIfLoose(path, ctx);
  return text;
}

/** Private keys should not be readable by others; say so (as ssh does), but keep working. */
async function warnIfLoose(path: string, ctx: ProviderContext): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const mode = (await stat(path)).mode & 0o777;
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

/**
 * Find the identity text, first source that applies (docs/providers/age.md):
 * `FNOX_AGE_KEY` (content; set-but-empty still counts), the `identity` provider reference,
 * `key_file` (relative to the declaring file), `--age-key-file` then `FNOX_AGE_KEY_FILE`, and
 * finally `<global config dir>/age.txt`.
 */
export async function findIdentityText(config: AgeConfig, ctx: ProviderContext): Promise<{ text: string; source: IdentitySource }> {
  if (ctx.env.FNOX_AGE_KEY !== undefined) return { text: ctx.env.FNOX_AGE_KEY, source: { description: 'the FNOX_AGE_KEY environment variable' } };
  if (config.identity) {
    const { provider, value } = config.identity;
    return { text: await fromProviderReference(config, ctx), source: { description: `provider '${provider}' (value '${value}')` } };
  }
  const explicit: [string | undefined, string][] = [
    [config.key_file && resolve(ctx.configDir, expandHome(config.key_file, ctx.env)), `key_file of provider '${ctx.name}'`],
    [ctx.options['age-key-file'] || undefined, '--age-key-file'],
    [ctx.env.FNOX_AGE_KEY_FILE ? expandHome(ctx.env.FNOX_AGE_KEY_FILE, ctx.env) : undefined, 'FNOX_AGE_KEY_FILE'],
  ];
  for (const [path, what] of explicit) {
    if (path) return { text: await readKeyFile(path, ctx, false), source: { description: `${what} (${path})`, path } };
  }
  const fallback = join(ctx.globalConfigDir, 'age.txt');
  return { text: await readKeyFile(fallback, ctx, true), source: { description: `the default identity file ${fallback}`, path: fallback } };
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
