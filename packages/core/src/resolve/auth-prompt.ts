/**
 * The authentication prompt (docs/configuration.md, "Authentication prompt"): after a provider fails with an authentication error,
 * offer to run its auth command (`aws sso login`) and, when that succeeds, let the caller retry
 * the failed operation once with a fresh provider instance. Only ever asks on a terminal; CI,
 * pipes, `--non-interactive` and the shell hook behave exactly as without this module.
 */
import { isProviderError } from '@fnox/contract';
import { isUntrustedSource, type EffectiveConfig } from '../config/types.js';
import { isFnoxError } from '../errors.js';
import { escapeControls } from '../format/terminal-text.js';
import type { FnoxSession } from '../session.js';
import type { ProviderFactory } from './provider-factory.js';

/** Offers the auth command of a provider after an auth failure; one offer per provider per command. */
export interface AuthPrompter {
  /**
   * True when `error` is an authentication failure of `provider`, the user accepted its auth
   * command and it succeeded: the caller should retry once. False otherwise (rethrow `error`).
   */
  offer(provider: string, error: unknown): Promise<boolean>;
}

const NEVER: AuthPrompter = { offer: async () => false };

/** The authentication error inside `error` (a provider error, or a FnoxError wrapping one), if any. */
export function authFailure(error: unknown): Error | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (isProviderError(current) && current.code === 'auth') return current;
    if (isFnoxError(current) && current.code === 'provider_auth') return current;
    current = current.cause;
  }
  return undefined;
}

/** Whether this session may prompt at all: a terminal, not non-interactive, prompting enabled. */
export function authPromptEnabled(session: FnoxSession, effective: EffectiveConfig): boolean {
  if (!session.stdinIsTTY || session.options.nonInteractive) return false;
  const fromEnv = session.env.FNOX_PROMPT_AUTH;
  if (fromEnv !== undefined) return /^(1|true|yes)$/i.test(fromEnv.trim());
  return effective.merged.promptAuth ?? true;
}

/** `sh -c command` with stdin inherited (interactive logins) and stdout on our stderr. */
async function shellCommand(command: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { spawn } = await import('node:child_process');
  return new Promise<number>((resolve) => {
    const child = spawn('sh', ['-c', command], { stdio: ['inherit', process.stderr, 'inherit'], env });
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * The auth command of provider `name`: its table's `auth_command` ("" disables), else the type's.
 * An untrusted file's `auth_command` is never offered (it is code the repository chose).
 */
async function authCommandOf(factory: ProviderFactory, effective: EffectiveConfig, name: string): Promise<string | undefined> {
  const entry = effective.providers.get(name);
  const configured = entry?.config.auth_command;
  const trusted = !isUntrustedSource(effective.merged, entry?.source.file);
  if (typeof configured === 'string' && trusted) return configured.trim() === '' ? undefined : configured;
  try {
    return (await factory.definition(name)).authCommand || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The prompter of one command. Offers are memoised per provider (concurrent failures of the same
 * provider share one question) and serialised, so two questions never share the terminal.
 */
export function createAuthPrompter(session: FnoxSession, effective: EffectiveConfig, factory: ProviderFactory): AuthPrompter {
  if (!authPromptEnabled(session, effective)) return NEVER;
  const runCommand = session.runCommand ?? shellCommand;
  const offers = new Map<string, Promise<boolean>>();
  let terminal: Promise<unknown> = Promise.resolve();

  async function ask(provider: string, failure: Error): Promise<boolean> {
    const command = await authCommandOf(factory, effective, provider);
    if (command === undefined) return false;
    // Provider error messages never carry secret values (contract), so they may be shown here.
    // The command is shown exactly as it will run: a `\u001b[2K\r` in it cannot repaint the question.
    const shown = escapeControls(command);
    session.log.info(escapeControls(`Authentication failed for provider '${provider}': ${failure.message}`));
    // Ctrl-C and Ctrl-D (undefined) decline: the original error is then reported as usual.
    const answer = await session.io.ask(`Run \`${shown}\` to authenticate? [y/N] `);
    if (answer === undefined || !/^y/i.test(answer.trim())) return false;
    const status = await runCommand(command, session.env);
    if (status !== 0) {
      session.log.info(`Authentication command \`${shown}\` failed (exit status ${status})`);
      return false;
    }
    // Credentials are cached per client: the retry must not reuse the instance that failed.
    factory.invalidate(provider);
    return true;
  }

  return {
    offer(provider, error) {
      const failure = authFailure(error);
      if (!failure) return Promise.resolve(false);
      let pending = offers.get(provider);
      if (!pending) {
        pending = terminal.then(() => ask(provider, failure));
        terminal = pending.catch(() => undefined);
        offers.set(provider, pending);
      }
      return pending;
    },
  };
}

/** Run `attempt`; after an auth failure the user chose to fix, run it once more. */
export async function withAuthRetry<T>(prompter: AuthPrompter, provider: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(await prompter.offer(provider, error))) throw error;
    return attempt();
  }
}
