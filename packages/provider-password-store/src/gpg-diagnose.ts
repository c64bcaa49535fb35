import { execFile } from 'node:child_process';

function gpg(args: readonly string[], env: Readonly<Record<string, string | undefined>>, signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    execFile('gpg', ['--batch', ...args], { env: env as NodeJS.ProcessEnv, signal, encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout) =>
      resolve(error && !stdout ? '' : stdout),
    );
  });
}

/**
 * gpg reports "No secret key" both when no key can decrypt an entry and when the key is there but
 * its passphrase could not be asked for (no terminal, no pinentry). The two need different fixes,
 * so look at which keys the file is encrypted to (`--list-only`, nothing is decrypted) and whether
 * any of them is in the keyring. Undefined when gpg cannot tell.
 */
export async function secretKeyPresent(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  signal: AbortSignal,
): Promise<boolean | undefined> {
  const status = await gpg(['--list-only', '--status-fd', '1', '--decrypt', file], env, signal);
  const recipients = [...status.matchAll(/^\[GNUPG:\] ENC_TO ([0-9A-F]+)/gm)].map((m) => m[1]!);
  if (recipients.length === 0) return undefined;
  const keys = await gpg(['--with-colons', '--list-secret-keys'], env, signal);
  const secret = new Set(
    keys
      .split('\n')
      .filter((line) => line.startsWith('sec:') || line.startsWith('ssb:'))
      .map((line) => line.split(':')[4]),
  );
  return recipients.some((id) => secret.has(id));
}
