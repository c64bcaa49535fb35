/**
 * Runs the built fnox on a real terminal (tmux), the way shell/driver.ts drives shells: keys go in
 * with send-keys, and every wait polls the screen or a file against a generous deadline, so a slow
 * machine only makes a test slower, never flaky. stdout goes to a file (so it can be compared
 * exactly and stays off the screen); stdin and stderr are the terminal.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FNOX_BIN, type Sandbox } from '@fnox/test-kit';

const DEADLINE_MS = Number(process.env.FNOX_TEST_PTY_DEADLINE_MS ?? 90_000);

/** A fnox process on a terminal. */
export interface PtyRun {
  /** Wait until the last non-blank screen line matches `pattern` (a question waiting for its answer). */
  waitForPrompt(pattern: RegExp): Promise<void>;
  /** Wait until what fnox wrote to stdout so far matches `pattern` (a question asked on stdout). */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** Type `text` and Enter. */
  answer(text: string): void;
  /** Send tmux key names (`C-c`, `C-d`). */
  keys(...names: string[]): void;
  /** Wait for the process to end: its exit code and stdout. */
  exit(): Promise<{ code: number; stdout: string }>;
  /** Everything the terminal showed (scrollback included). */
  screen(): string;
  /** Kill the terminal. */
  stop(): void;
}

let serial = 0;

/** Start `fnox ARGS` in tmux inside the sandbox's project directory. */
export function startPty(box: Sandbox, args: readonly string[], env: NodeJS.ProcessEnv = {}): PtyRun {
  const dir = join(box.home, `.pty-${++serial}`);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'stdout');
  const rc = join(dir, 'rc');
  const fullEnv = { ...box.env, TERM: 'xterm', ...env };
  const socket = join(dir, 'tmux.sock');
  const tmux = (...a: string[]) => execFileSync('tmux', ['-S', socket, ...a], { env: fullEnv, encoding: 'utf8' });
  const quoted = [process.execPath, FNOX_BIN, ...args].map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  // The exit code is written last, after stdout is closed: its file appearing means "finished".
  const script = `${quoted} > '${out}'; echo $? > '${rc}.tmp' && mv '${rc}.tmp' '${rc}'; sleep 600`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 't', '-c', box.project, 'sh', '-c', script);
  const screen = () => {
    try {
      return tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 't');
    } catch {
      return '(no screen)';
    }
  };
  let lastPrompt = -1;
  const poll = async <T>(what: string, probe: () => T | undefined): Promise<T> => {
    for (const start = Date.now(); ; ) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() - start > DEADLINE_MS) throw new Error(`pty: timed out waiting for ${what}; screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    waitForPrompt: async (pattern) => {
      // Only a line below the previous question counts: after an empty answer the answered
      // question is still the last line, and may read exactly like the next one.
      lastPrompt = await poll(`a prompt matching ${pattern}`, () => {
        if (existsSync(rc)) throw new Error(`pty: fnox exited while waiting for ${pattern}; screen:\n${screen()}`);
        const lines = screen().split('\n').filter((line) => line.trim() !== '');
        const at = lines.length - 1;
        return at > lastPrompt && pattern.test(lines[at]!.trimEnd()) ? at : undefined;
      });
    },
    waitForOutput: async (pattern) => {
      await poll(`stdout matching ${pattern}`, () => {
        const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
        if (pattern.test(text)) return true;
        if (existsSync(rc)) throw new Error(`pty: fnox exited while waiting for ${pattern}; stdout:\n${text}\nscreen:\n${screen()}`);
        return undefined;
      });
    },
    answer(text) {
      if (text !== '') tmux('send-keys', '-t', 't', '-l', '--', text);
      tmux('send-keys', '-t', 't', 'Enter');
    },
    keys: (...names) => void tmux('send-keys', '-t', 't', ...names),
    exit: () =>
      poll('fnox to exit', () => {
        if (!existsSync(rc)) return undefined;
        return { code: Number(readFileSync(rc, 'utf8').trim()), stdout: readFileSync(out, 'utf8') };
      }),
    screen,
    stop() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}
