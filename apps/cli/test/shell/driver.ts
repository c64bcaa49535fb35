/**
 * Drives a real interactive bash, zsh or fish in tmux, the way a user's terminal does. After every
 * prompt (after fnox's hook ran) the shell writes the exported values of the watched names into a
 * dump file using builtins only (no process), NUL-separated, ending with `TESTMARK=<n>`. A step
 * types a command, then `TESTMARK=n`, and polls the dump until mark n appears: no sleeps, no
 * timing assumptions, a generous deadline.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

export type TestShell = 'bash' | 'zsh' | 'fish';
export const TEST_SHELLS: readonly TestShell[] = ['bash', 'zsh', 'fish'];

const DEADLINE_MS = Number(process.env.FNOX_TEST_SHELL_DEADLINE_MS ?? 90_000);

const BASH_RC = `PS1='$ '
__t_dump() {
  local n
  : > "$__T_DUMP"
  for n in $__T_NAMES; do
    if [[ \${!n@a} == *x* ]]; then printf '%s=%s\\0' "$n" "\${!n}" >> "$__T_DUMP"; fi
  done
  if declare -F _fnox_hook >/dev/null; then printf 'HOOKED=1\\0' >> "$__T_DUMP"; fi
  printf 'TESTMARK=%s\\0' "\${TESTMARK-}" >> "$__T_DUMP"
}
PROMPT_COMMAND=__t_dump
source "$__T_ACTIVATE"
`;

const ZSH_RC = `PS1='$ '
__t_dump() {
  emulate -L zsh
  local n
  : > $__T_DUMP
  for n in \${=__T_NAMES}; do
    if [[ \${parameters[$n]-} == *export* ]]; then printf '%s=%s\\0' "$n" "\${(P)n}" >> $__T_DUMP; fi
  done
  if (( \${+functions[_fnox_hook]} )); then printf 'HOOKED=1\\0' >> $__T_DUMP; fi
  printf 'TESTMARK=%s\\0' "\${TESTMARK-}" >> $__T_DUMP
}
precmd_functions=(__t_dump)
source $__T_ACTIVATE
`;

const FISH_RC = `set -g fish_greeting ''
function __t_dump
  set -l out
  for n in (string split ' ' -- $__T_NAMES)
    if set -qx $n
      set -a out "$n=$$n"
    end
  end
  functions -q __fnox_env_eval; and set -a out HOOKED=1
  set -a out "TESTMARK=$TESTMARK"
  string join0 -- $out > $__T_DUMP
end
function fish_prompt
  __t_dump
  echo -n '$ '
end
source $__T_ACTIVATE
`;

/** Parsed dump: exported NAME → value, plus HOOKED and TESTMARK. */
export type Dump = ReadonlyMap<string, string>;

function parseDump(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of text.split('\0')) {
    if (entry === '') continue;
    const at = entry.indexOf('=');
    if (at > 0) out.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return out;
}

/** Options of {@link startShell}. */
export interface ShellOptions {
  /** Names whose exported values each dump records. */
  readonly names: readonly string[];
  /** Extra environment for the shell. */
  readonly env?: NodeJS.ProcessEnv;
  /** Wrap the shell in `strace -f` writing to this file (execve and process creation only). */
  readonly straceLog?: string;
}

/** A running shell. */
export interface ShellSession {
  readonly shell: TestShell;
  /** The file the counting wrapper appends one line per fnox run to (its arguments). */
  readonly countFile: string;
  /** Type `command`, then a mark; resolve with the dump written at the mark's prompt. */
  step(command: string): Promise<Dump>;
  /** Type lines without waiting (each one gives a prompt). */
  type(lines: readonly string[]): void;
  /** fnox runs recorded by the wrapper so far (lines of arguments). */
  runs(): string[];
  /** The visible terminal, for failure messages. */
  screen(): string;
  /** Kill the terminal and wait until the shell has exited (it may still be writing files). */
  stop(): Promise<void>;
}

let serial = 0;

/**
 * Start `shell` in tmux inside the sandbox, activated through a counting wrapper: the activation
 * embeds the wrapper's path as fnox's executable, so every run of fnox by the hook is recorded.
 */
export async function startShell(box: Sandbox, shell: TestShell, options: ShellOptions): Promise<ShellSession> {
  const dir = join(box.home, `.shell-${shell}-${++serial}`);
  mkdirSync(dir, { recursive: true });
  const tmp = join(box.home, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const countFile = join(dir, 'fnox-runs.log');
  const wrapper = join(dir, 'fnox-wrapper.mjs');
  writeFileSync(
    wrapper,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(countFile)}, process.argv.slice(2).join(' ') + '\\n');\nawait import(${JSON.stringify(pathToFileURL(FNOX_BIN).href)});\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...box.env,
    TMPDIR: tmp,
    TERM: 'xterm',
    SHELL: `/usr/bin/${shell}`,
    __T_DUMP: join(dir, 'dump'),
    __T_NAMES: options.names.join(' '),
    __T_ACTIVATE: join(dir, 'activate'),
    ZDOTDIR: dir,
    ...options.env,
  };
  const activation = execFileSync(process.execPath, [wrapper, 'activate', shell], { env, cwd: box.home, encoding: 'utf8' });
  writeFileSync(join(dir, 'activate'), activation);
  writeFileSync(countFile, '');
  writeFileSync(join(dir, '.zshrc'), ZSH_RC);
  writeFileSync(join(dir, 'bashrc'), BASH_RC);
  writeFileSync(join(dir, 'config.fish'), FISH_RC);
  const argv =
    shell === 'bash'
      ? ['/usr/bin/bash', '--noprofile', '--rcfile', join(dir, 'bashrc'), '-i']
      : shell === 'zsh'
        ? ['/usr/bin/zsh', '-d', '-i']
        : ['/usr/bin/fish', '--no-config', '--init-command', `source ${join(dir, 'config.fish')}`, '-i'];
  const full = options.straceLog ? ['strace', '-f', '-qq', '-o', options.straceLog, '-e', 'trace=execve,fork,vfork,clone,clone3', ...argv] : argv;
  const socket = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { env, encoding: 'utf8' });
  // Several command words: tmux execs them directly (no sh -c), so no quoting.
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 't', '-c', box.home, ...full);
  const panePid = Number(tmux('display-message', '-p', '-t', 't', '#{pane_pid}').trim());
  let mark = 0;
  const session: ShellSession = {
    shell,
    countFile,
    type(lines) {
      for (const line of lines) {
        tmux('send-keys', '-t', 't', '-l', '--', line);
        tmux('send-keys', '-t', 't', 'Enter');
      }
    },
    async step(command) {
      const id = String(++mark);
      const setMark = shell === 'fish' ? `set -gx TESTMARK ${id}` : `export TESTMARK=${id}`;
      session.type(command === '' ? [setMark] : [command, setMark]);
      const dumpFile = join(dir, 'dump');
      const start = Date.now();
      for (;;) {
        if (existsSync(dumpFile)) {
          const dump = parseDump(readFileSync(dumpFile, 'latin1'));
          if (dump.get('TESTMARK') === id) {
            return new Map([...parseDump(readFileSync(dumpFile, 'utf8'))]);
          }
        }
        if (Date.now() - start > DEADLINE_MS) throw new Error(`${shell}: no prompt after ${JSON.stringify(command)}; screen:\n${session.screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    runs: () => readFileSync(countFile, 'utf8').split('\n').filter(Boolean),
    screen: () => {
      try {
        return tmux('capture-pane', '-p', '-t', 't');
      } catch {
        return '(no screen)';
      }
    },
    async stop() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        try {
          process.kill(panePid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  return session;
}

/** A sandbox and (once started) a shell per test, both cleaned up after it. */
export interface ShellFixture {
  readonly box: Sandbox;
  /** Start `shell` in this test's sandbox (stopped after the test). */
  start(shell: TestShell, options: ShellOptions): Promise<ShellSession>;
}

/** Register beforeEach/afterEach hooks that give each test of the suite a fresh {@link ShellFixture}. */
export function useShellFixture(): ShellFixture {
  let box: Sandbox | undefined;
  let sh: ShellSession | undefined;
  beforeEach(() => {
    box = sandbox();
  });
  afterEach(async () => {
    await sh?.stop();
    sh = undefined;
    box?.cleanup();
  });
  return {
    get box() {
      return box!;
    },
    async start(shell, options) {
      sh = await startShell(box!, shell, options);
      return sh;
    },
  };
}
