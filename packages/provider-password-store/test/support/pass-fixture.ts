/**
 * A throw-away GnuPG home and password store for tests: a fresh `%no-protection` key (or one with
 * a passphrase), `pass init` to it, and the environment `pass` and fnox need. Nothing global is
 * touched: HOME, GNUPGHOME and PASSWORD_STORE_DIR all point into one temp directory, and the
 * gpg-agent started for it is stopped again by `cleanup()`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PassFixture {
  readonly root: string;
  readonly gnupgHome: string;
  readonly storeDir: string;
  readonly email: string;
  /** PATH, HOME, GNUPGHOME and PASSWORD_STORE_DIR for pass and fnox; nothing else. */
  readonly env: Record<string, string>;
  /** Run the real `pass` with this fixture's env (extra env wins). */
  pass(args: readonly string[], input?: string, env?: Record<string, string>): { code: number | null; stdout: string; stderr: string };
  /** Another GnuPG home with its own key (a second user, or one with a passphrase). */
  addKeyring(name: string, options?: { passphrase?: string }): { gnupgHome: string; email: string };
  cleanup(): void;
}

export const HAVE_PASS = spawnSync('pass', ['version'], { stdio: 'ignore' }).status === 0 && spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status === 0;

function generateKey(gnupgHome: string, email: string, passphrase?: string): void {
  mkdirSync(gnupgHome, { recursive: true, mode: 0o700 });
  // Never look a recipient up on the network (WKD, keyservers): tests send traffic nowhere.
  writeFileSync(join(gnupgHome, 'gpg.conf'), 'auto-key-locate local\nno-auto-key-retrieve\n');
  // A fixed, small s2k count: calibrating it for a passphrase-protected key takes ~10 s here.
  writeFileSync(join(gnupgHome, 'gpg-agent.conf'), 's2k-count 65536\n');
  const params = [
    ...(passphrase === undefined ? ['%no-protection'] : []),
    'Key-Type: EDDSA',
    'Key-Curve: ed25519',
    'Subkey-Type: ECDH',
    'Subkey-Curve: cv25519',
    'Name-Real: fnox test',
    `Name-Email: ${email}`,
    'Expire-Date: 0',
    ...(passphrase === undefined ? [] : [`Passphrase: ${passphrase}`]),
    '%commit',
    '',
  ].join('\n');
  const paramsFile = join(gnupgHome, 'key-params');
  writeFileSync(paramsFile, params, { mode: 0o600 });
  execFileSync('gpg', ['--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', '--gen-key', paramsFile], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GNUPGHOME: gnupgHome },
    stdio: 'ignore',
  });
  rmSync(paramsFile);
}

/** A fresh fixture; `initialise: false` leaves the store without `pass init`. */
export function passFixture(options: { initialise?: boolean } = {}): PassFixture {
  const root = mkdtempSync(join(tmpdir(), 'fnox-pass-'));
  const gnupgHome = join(root, 'gnupg');
  const storeDir = join(root, 'store');
  const email = 'owner@fnox.invalid';
  generateKey(gnupgHome, email);
  const homes = [gnupgHome];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GNUPGHOME: gnupgHome, PASSWORD_STORE_DIR: storeDir, LANG: 'C.UTF-8' };
  const pass: PassFixture['pass'] = (args, input, extra) => {
    const r = spawnSync('pass', args, { env: { ...env, ...extra }, input: input ?? '', encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  if (options.initialise !== false) {
    const init = pass(['init', email]);
    if (init.code !== 0) throw new Error(`pass init failed: ${init.stderr}`);
  }
  return {
    root,
    gnupgHome,
    storeDir,
    email,
    env,
    pass,
    addKeyring(name, extra = {}) {
      const home = join(root, `gnupg-${name}`);
      const mail = `${name}@fnox.invalid`;
      generateKey(home, mail, extra.passphrase);
      homes.push(home);
      return { gnupgHome: home, email: mail };
    },
    cleanup() {
      for (const home of homes) spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...env, GNUPGHOME: home }, stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
