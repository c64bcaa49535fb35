/**
 * A private Secret Service for tests: `dbus-run-session` starts a session bus of its own, and
 * `gnome-keyring-daemon --unlock` serves a fresh `login` collection (the default alias) in a temp
 * HOME, unlocked with a test password. Nothing global is used or left behind: `stop()` ends the
 * daemon, which ends the session bus, and removes the temp HOME.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HAVE_SECRET_SERVICE = ['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool', 'dbus-send'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0,
);

export interface SecretService {
  readonly home: string;
  /** HOME, XDG dirs, PATH and DBUS_SESSION_BUS_ADDRESS of the private session. */
  readonly env: Record<string, string>;
  /** Run secret-tool on the private bus. */
  secretTool(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string };
  /** Lock the `login` collection (what a screen lock or logout does). */
  lock(): void;
  stop(): Promise<void>;
}

const START = `#!/bin/sh
# $1: where to report the bus address and the daemon's pid. The password arrives on stdin.
echo "$DBUS_SESSION_BUS_ADDRESS" > "$1/bus-address.tmp" && mv "$1/bus-address.tmp" "$1/bus-address"
echo $$ > "$1/daemon-pid"
exec gnome-keyring-daemon --foreground --unlock --components=secrets
`;

// Generous: this machine's 2 cores are shared, and a daemon start can take seconds under load.
/**
 * The private bus's configuration: the session bus's, minus service activation (nothing but our
 * daemon may ever start on it) and with its socket inside the temp HOME.
 */
export const busConfig = (dir: string): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

function waitFor(check: () => boolean, what: () => string, timeoutMs = 45_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what()}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

export async function startSecretService(password = 'fnox-test-keyring-password'): Promise<SecretService> {
  const home = mkdtempSync(join(tmpdir(), 'fnox-keyring-'));
  const run = join(home, 'run');
  mkdirSync(run, { mode: 0o700 });
  const script = join(home, 'start-keyring.sh');
  writeFileSync(script, START);
  chmodSync(script, 0o755);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: run,
    LANG: 'C.UTF-8',
  };
  const config = join(home, 'session-bus.conf');
  writeFileSync(config, busConfig(run));
  const session: ChildProcess = spawn('dbus-run-session', [`--config-file=${config}`, '--', script, home], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  session.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  session.stdin!.end(password);
  const exited = new Promise<void>((resolve) => session.once('exit', () => resolve()));
  const stop = async () => {
    try {
      process.kill(Number(readFileSync(join(home, 'daemon-pid'), 'utf8')), 'SIGTERM');
    } catch {
      // not started, or already gone
    }
    const timer = setTimeout(() => session.kill('SIGKILL'), 5_000);
    if (session.exitCode === null && session.signalCode === null) await exited;
    clearTimeout(timer);
    rmSync(home, { recursive: true, force: true });
  };
  const dbusSend = (dest: string, args: string[]) => spawnSync('dbus-send', ['--session', '--print-reply', `--dest=${dest}`, ...args], { env, encoding: 'utf8' });
  try {
    await waitFor(() => existsSync(join(home, 'bus-address')) || session.exitCode !== null, () => `the session bus: ${stderr}`);
    if (session.exitCode !== null) throw new Error(`dbus-run-session exited: ${stderr}`);
    env.DBUS_SESSION_BUS_ADDRESS = readFileSync(join(home, 'bus-address'), 'utf8').trim();
    // Ready once the daemon owns the Secret Service name (asked of the bus itself) and has a default collection.
    const owned = () => /boolean true/.test(dbusSend('org.freedesktop.DBus', ['/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets']).stdout ?? '');
    const defaultCollection = () =>
      /collection\/login/.test(dbusSend('org.freedesktop.secrets', ['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default']).stdout ?? '');
    await waitFor(() => owned() && defaultCollection(), () => `gnome-keyring-daemon: ${stderr}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    home,
    env,
    secretTool(args, input) {
      const r = spawnSync('secret-tool', args, { env, input: input ?? '', encoding: 'utf8', timeout: 15_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    lock() {
      const r = dbusSend('org.freedesktop.secrets', ['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login']);
      if (r.status !== 0) throw new Error(`Lock failed: ${r.stderr}`);
    },
    stop,
  };
}
