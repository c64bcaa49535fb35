import { ProviderError } from '@fnox/contract';
import type { PassSpawnError } from './run-pass.js';

/** What a failed `pass` run was doing, for the message and the hint. */
export interface PassCall {
  readonly operation: 'show' | 'insert' | 'rm' | 'ls';
  /** The full entry path (prefix + value), or undefined for `ls`. */
  readonly entry?: string;
  readonly storeDir: string;
  readonly providerName: string;
  /** A value being written: redacted from anything pass printed. */
  readonly plaintext?: string;
}

const NOT_IN_STORE = /is not in the password store/;
const NOT_INITIALISED = /You must run:[\s\S]*pass init|password store is empty/;
export const NO_SECRET_KEY = /decryption failed: No secret key|No secret key/i;
const NO_PUBLIC_KEY = /No public key|unusable public key|skipped: No name|encryption failed/i;
const LOCKED = /Inappropriate ioctl for device|No pinentry|pinentry|Operation cancelled|Bad passphrase|cannot open ['"]?\/dev\/tty|Timeout|problem with the agent/i;
const NO_AGENT = /can't connect to the agent|no gpg-agent running|connection to the agent/i;
const NO_GPG = /gpg2?: command not found|GPG: command not found|gpg: not found/i;

/** The last informative line of pass's stderr, without control characters or the value being written. */
export function passReason(stderr: string, plaintext?: string): string {
  let text = stderr;
  if (plaintext !== undefined && plaintext.length > 0) text = text.split(plaintext).join('[value]');
  const lines = text
    .split(/\r?\n/)
    // eslint-disable-next-line no-control-regex
    .map((line) => line.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim())
    .filter((line) => line.length > 0);
  const reason = lines.filter((line) => /error|fail|gpg:/i.test(line)).at(-1) ?? lines.at(-1) ?? 'no error output';
  return reason.length > 300 ? `${reason.slice(0, 300)}...` : reason;
}

function what(call: PassCall): string {
  return call.entry === undefined ? `the store ${call.storeDir}` : `entry '${call.entry}'`;
}

/** What is known about the store and the keys beyond pass's own words. */
export interface PassFacts {
  /** The store has a `.gpg-id` (pass init ran). */
  readonly initialised: boolean;
  /** For a "No secret key" failure: whether a recipient's secret key is in the keyring after all. */
  readonly secretKeyPresent?: boolean | undefined;
}

/** Map a failed `pass` run to a ProviderError with a hint (never with a value). */
export function passError(call: PassCall, stderr: string, facts: PassFacts): ProviderError {
  const reason = passReason(stderr, call.plaintext);
  const subject = what(call);
  if (NO_GPG.test(stderr)) {
    return new ProviderError('config', `password-store: gpg is not installed (needed to ${call.operation} ${subject})`, {
      hint: 'Install GnuPG (apt install gnupg, brew install gnupg)',
    });
  }
  if (!facts.initialised || NOT_INITIALISED.test(stderr)) return notInitialised(call);
  if (NOT_IN_STORE.test(stderr)) {
    return new ProviderError('not-found', `password-store: entry '${call.entry ?? ''}' not found in ${call.storeDir}`, {
      hint: `Check the name (the prefix of provider '${call.providerName}' + the value), or create it with \`fnox set\` or \`pass insert\``,
    });
  }
  if (NO_AGENT.test(stderr)) {
    return new ProviderError('auth', `password-store: gpg cannot reach gpg-agent to ${call.operation} ${subject}: ${reason}`, {
      hint: 'Start the agent (gpgconf --launch gpg-agent) and check GNUPGHOME',
    });
  }
  if (LOCKED.test(stderr) || (NO_SECRET_KEY.test(stderr) && facts.secretKeyPresent === true)) {
    return new ProviderError('auth', `password-store: gpg needs your key's passphrase to ${call.operation} ${subject}, and cannot ask for it: ${reason}`, {
      hint: "Unlock the key once in a terminal (pass show <entry>: gpg-agent then caches the passphrase), or configure a graphical pinentry",
    });
  }
  if (call.operation === 'show' && NO_SECRET_KEY.test(stderr)) {
    return new ProviderError('identity', `password-store: no secret key can decrypt ${subject}: ${reason}`, {
      hint: `Import the private key of a recipient listed in ${call.storeDir}/.gpg-id (gpg --import), or re-encrypt the store with pass init`,
    });
  }
  if (call.operation === 'insert' && NO_PUBLIC_KEY.test(stderr)) {
    return new ProviderError('encrypt', `password-store: gpg cannot encrypt ${subject}: ${reason}`, {
      hint: `Import and trust the public keys listed in ${call.storeDir}/.gpg-id (gpg --import, gpg --edit-key ... trust)`,
    });
  }
  return new ProviderError('api', `password-store: pass ${call.operation} failed for ${subject}: ${reason}`, {
    hint: `Run pass ${call.operation}${call.entry === undefined ? '' : ` '${call.entry}'`} yourself to see the whole error`,
  });
}

/** The store has no `.gpg-id`: `pass init` never ran there. */
export function notInitialised(call: PassCall): ProviderError {
  return new ProviderError('config', `password-store: the store ${call.storeDir} is not initialised`, {
    hint: `Run: PASSWORD_STORE_DIR='${call.storeDir}' pass init <gpg-key-id> (or set store_dir of provider '${call.providerName}' to your store)`,
  });
}

/** `pass` could not be started. */
export function spawnError(call: PassCall, error: PassSpawnError): ProviderError {
  if (error.errno === 'ABORT_ERR' || error.errno === 'AbortError') {
    return new ProviderError('timeout', `password-store: pass ${call.operation} of ${what(call)} was cancelled`);
  }
  if (error.errno === 'ENOENT') {
    return new ProviderError('config', 'password-store: the `pass` command was not found on PATH', {
      hint: 'Install password-store (apt install pass, brew install pass), or add it to PATH',
    });
  }
  return new ProviderError('api', `password-store: cannot run pass: ${error.message}`, { hint: 'Check that pass is installed and executable' });
}
