/**
 * What the age provider says about itself outside decryption: the `fnox init` suggestion (the
 * recipient of the key you already have, or an offer to create one) and the `fnox doctor` report.
 * Both use {@link identityPlan}, the resolver decryption uses, so the three always agree.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ProviderContext, ProviderDiagnosis, SetupContext, SetupSuggestion } from '@fnox/contract';
import type { AgeConfig } from './config.js';
import { defaultIdentityPath, identityPlan } from './identity.js';
import { generateIdentity, identityToRecipient, type GeneratedIdentity } from './keys.js';

/** The text of an age identity file, shaped like `age-keygen` output so age tools read it too. */
export function ageKeyFileText(key: GeneratedIdentity, now: Date = new Date()): string {
  return `# created: ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}\n# public key: ${key.recipient}\n${key.identity}\n`;
}

/**
 * Write a key to `path` with mode 0600 (directory 0700 when created). Never overwrites: a key that
 * appeared meanwhile may already protect secrets.
 */
export async function writeKeyFile(path: string, key: GeneratedIdentity): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, ageKeyFileText(key), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`Age key file '${path}' already exists; not overwriting it`);
    throw new Error(`Could not write the age key to '${path}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The recipient of the first X25519 identity in `text`, or undefined (SSH keys, PQ keys, junk). */
function recipientOf(text: string): string | undefined {
  const line = text.split(/\r?\n/).find((l) => l.trim().startsWith('AGE-SECRET-KEY-1'));
  if (!line) return undefined;
  try {
    return identityToRecipient(line.trim());
  } catch {
    return undefined;
  }
}

/**
 * `fnox init`: where a new age provider (no key_file, no identity) would find its key, by the
 * same resolver as decryption. A key there gives the recipient; none at the default file gives an
 * offer to create one there.
 */
export async function suggestAgeConfig(ctx: SetupContext): Promise<SetupSuggestion> {
  const step = identityPlan({}, { ...ctx, name: 'age' })[0]!;
  if (step.kind !== 'file') {
    const recipient = recipientOf(ctx.env.FNOX_AGE_KEY ?? '');
    return recipient ? { fields: { recipients: [recipient] }, notes: [`Using the recipient of the key in ${step.description}: ${recipient}`] } : {};
  }
  if (existsSync(step.path)) {
    const recipient = recipientOf(await readFile(step.path, 'utf8').catch(() => ''));
    if (!recipient) return { notes: [`Found ${step.description}, but no AGE-SECRET-KEY-1 line to take a recipient from.`] };
    return { fields: { recipients: [recipient] }, notes: [`Found your age key: ${step.description}`, `Its recipient is ${recipient}`] };
  }
  if (!step.isDefault) return { notes: [`No age key at ${step.description}.`] };
  return {
    notes: [`No age key found at ${step.path}.`],
    offer: {
      question: `No age key found at ${step.path}. Generate one now?`,
      default: true,
      async prepare() {
        const key = await generateIdentity();
        return {
          fields: { recipients: [key.recipient] },
          notes: [`The new key will be saved to ${step.path}; its recipient is ${key.recipient}`],
          commit: async () => {
            await writeKeyFile(step.path, key);
            return `✓ Saved a new age key to '${step.path}' (keep it private and backed up)`;
          },
        };
      },
    },
  };
}

/** `fnox doctor`: every identity source that applies, which one is used, and whether it exists. */
export function diagnoseAge(config: AgeConfig, ctx: ProviderContext): ProviderDiagnosis {
  const steps = identityPlan(config, ctx);
  const items = steps.map((step, i) =>
    step.kind === 'file'
      ? {
          description: step.label === 'default identity file' ? 'default identity file' : step.label,
          path: step.path,
          found: existsSync(step.path),
          used: i === 0,
        }
      : { description: step.kind === 'env' ? 'FNOX_AGE_KEY environment variable' : `identity from ${step.description}`, used: i === 0 },
  );
  const first = steps[0]!;
  const missing = first.kind === 'file' && !existsSync(first.path);
  return {
    title: 'age identity',
    items,
    ...(missing
      ? {
          problem: {
            message: `No age identity found (${first.description} does not exist): values encrypted now cannot be decrypted on this machine`,
            hint: first.isDefault ? `Create one with: age-keygen -o ${first.path} (or set FNOX_AGE_KEY_FILE)` : `Create ${first.path} or fix the path`,
          },
        }
      : {}),
  };
}

export { defaultIdentityPath };
